import { describe, expect, it } from 'vitest';
import { baseName, describeColumn, formatCount, plural } from './format';

describe('format', () => {
  it('groups thousands the British way', () => {
    expect(formatCount(470000)).toBe('470,000');
    expect(formatCount(0)).toBe('0');
  });
  it('pluralises', () => {
    expect(plural(1, 'doctor')).toBe('1 doctor');
    expect(plural(12, 'doctor')).toBe('12 doctors');
    expect(plural(2, 'duty', 'duties')).toBe('2 duties');
  });
  it('names a required column', () => {
    expect(describeColumn('date')).toBe('date (Date)');
    expect(describeColumn('mystery')).toBe('mystery');
  });
  it('takes the file name from Windows and Unix paths', () => {
    expect(baseName('C:\\Users\\me\\rota.csv')).toBe('rota.csv');
    expect(baseName('/home/me/rota.xlsx')).toBe('rota.xlsx');
  });
});

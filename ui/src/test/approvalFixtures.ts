/** Profiles, recall choices and verify results for the approval and tracking tests, shaped like the wire types. */

import type { ApprovalBlock } from '../bindings/ApprovalBlock';
import type { RecallChoice } from '../bindings/RecallChoice';
import type { ShiftLine } from '../bindings/ShiftLine';
import type { UserView } from '../bindings/UserView';
import type { Verdict } from '../bindings/Verdict';
import type { VerifyResult } from '../bindings/VerifyResult';

export function user(over: Partial<UserView> & Pick<UserView, 'username' | 'display_name' | 'role'>): UserView {
  return { id: 1, email: '', phone: '', has_passphrase: false, is_me: false, ...over };
}

/** A coordinator (who runs the app), a medical director with a passphrase, a deputy without one, a viewer. */
export const users: UserView[] = [
  user({ id: 1, username: 'jsmith', display_name: 'Jo Smith', role: 'coordinator', email: 'jo.smith@nhs.net', is_me: true }),
  user({ id: 2, username: 'mpatel', display_name: 'Dr Mira Patel', role: 'medical_director', phone: '020 7946 0001', email: 'mira.patel@nhs.net', has_passphrase: true }),
  user({ id: 3, username: 'okhan', display_name: 'Dr Omar Khan', role: 'deputy_medical_director', has_passphrase: false }),
  user({ id: 4, username: 'alee', display_name: 'Ann Lee', role: 'viewer' }),
];

/** The same profiles with the viewer as the one who runs the app. */
export const usersAsViewer: UserView[] = users.map((u) => ({ ...u, is_me: u.username === 'alee' }));

/** Nobody may approve with a passphrase yet. */
export const usersWithoutPassphrase: UserView[] = users.map((u) => ({ ...u, has_passphrase: false }));

export const HASH = '9f2c4e1b7a3d5f60812c4b9e0d7a6f3e2b1c0d9e8f7a6b5c4d3e2f1a0b9c8d7e';
export const OTHER_HASH = '0000111122223333444455556666777788889999aaaabbbbccccddddeeeeffff';

export function approval(over: Partial<ApprovalBlock> = {}): ApprovalBlock {
  return {
    approver: 'Dr Mira Patel',
    role: 'medical_director',
    at: '04/01/2024 09:12',
    version: 3,
    content_hash: HASH,
    phone: '020 7946 0001',
    email: 'mira.patel@nhs.net',
    ...over,
  };
}

/** Recall choices for two granted shifts: the rostered doctor is listed second by the backend on the first shift. */
export const recallChoices: RecallChoice[] = [
  {
    duty_id: 501,
    shift: 'Wed 03/01/2024 Night 20:00–08:00',
    doctors: [
      { staff_id: 71, name: 'Ben Ross', staff_number: '7000071', grade: 'ST4', rostered: false },
      { staff_id: 70, name: 'Asha Patel', staff_number: '7000070', grade: 'ST3', rostered: true },
    ],
  },
  {
    duty_id: 502,
    shift: 'Thu 04/01/2024 Night 20:00–08:00',
    doctors: [
      { staff_id: 72, name: 'Chris Wood', staff_number: '7000072', grade: 'ST3', rostered: true },
      { staff_id: 71, name: 'Ben Ross', staff_number: '7000071', grade: 'ST4', rostered: false },
    ],
  },
];

export function verifyResult(verdict: Verdict, over: Partial<VerifyResult> = {}): VerifyResult {
  const messages: Record<Verdict, string> = {
    approved: 'DR-12 version 3 as approved by Dr Mira Patel on 04/01/2024 09:12. It may be relied on.',
    approved_superseded: 'DR-12 version 2 was approved, but the request has changed since: version 3 is current.',
    not_approved: 'DR-12 version 3 has not been approved.',
    altered: 'The file does not match any document issued for DR-12: it was changed after it was exported.',
    unknown: 'No request in this database matches this file.',
  };
  const known = verdict !== 'unknown';
  return {
    file: 'C:\\Users\\mpatel\\Documents\\DR-12-v3.pdf',
    verdict,
    request_id: known ? 12 : null,
    reference: known ? 'DR-12' : null,
    version: known ? (verdict === 'approved_superseded' ? 2 : 3) : null,
    sha256: 'a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90',
    content_hash: known ? HASH : null,
    message: messages[verdict],
    ...over,
  };
}

/** Three night shifts asked for (03/01, 04/01, 05/01/2024), duties 501 to 503. */
export const shiftLines: ShiftLine[] = [501, 502, 503].map((duty_id, i) => {
  const day = 3 + i;
  const start = Date.UTC(2024, 0, day, 20, 0) / 1000;
  return {
    duty_id,
    date: `0${day}/01/2024`,
    day_or_night: 'Night',
    shift_type: 'Night',
    start: '20:00',
    end: '08:00',
    hours: 12,
    grade: 'ST3',
    start_utc: start,
    end_utc: start + 12 * 3600,
  };
});

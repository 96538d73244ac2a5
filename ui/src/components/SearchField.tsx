/** The "Name or staff number" search box used above long lists of doctors. */
export function SearchField({ id, value, onChange }: { id: string; value: string; onChange: (v: string) => void }) {
  return (
    <div className="sc-field-inline">
      <label htmlFor={id} className="sc-inline-label">
        Name or staff number
      </label>
      <input
        id={id}
        className="nhsuk-input sc-search-input"
        type="search"
        value={value}
        onChange={(e) => onChange(e.target.value)}
        spellCheck={false}
        autoComplete="off"
      />
    </div>
  );
}

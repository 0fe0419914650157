import { RequirementBadge } from '../../components/RequirementBadge';
import { prefecturesByRegion } from './filters';
import { OPEN_DATA_MESSAGES as M } from './messages';

const GROUPS = prefecturesByRegion();

export interface PrefectureSelectProps {
  id: string;
  value: string;
  onChange: (code: string) => void;
}

/** The 47 prefectures grouped by region (北海道・東北, 関東, …), one of them or all. */
export function PrefectureSelect({ id, value, onChange }: PrefectureSelectProps) {
  return (
    <div className="flex flex-col gap-2">
      <label htmlFor={id} className="text-std-17B-170 text-solid-gray-800">
        {M.prefecture}
        <RequirementBadge required={false} />
      </label>
      <select
        id={id}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        className="h-14 w-full max-w-md rounded-8 border border-solid-gray-600 bg-white px-4 text-oln-16N-100 text-solid-gray-800 hover:border-black"
      >
        <option value="">{M.all}</option>
        {GROUPS.map((group) => (
          <optgroup key={group.region} label={group.region}>
            {group.prefectures.map((p) => (
              <option key={p.code} value={p.code}>
                {p.name}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
    </div>
  );
}

import { REQUIREMENT_MESSAGES as M } from './messages';

export function RequirementBadge({ required }: { required: boolean }) {
  return required ? (
    <span className="ml-2 text-oln-16N-100 text-error-1">{M.required}</span>
  ) : (
    <span className="ml-2 text-oln-16N-100 text-solid-gray-700">{M.optional}</span>
  );
}

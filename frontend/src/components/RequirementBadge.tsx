export function RequirementBadge({ required }: { required: boolean }) {
  return required ? (
    <span className="ml-2 text-oln-16N-100 text-error-1">※必須</span>
  ) : (
    <span className="ml-2 text-oln-16N-100 text-solid-gray-700">任意</span>
  );
}

import type { SectionStatus } from './editor/SectionIndex';
import { SectionIndex } from './editor/SectionIndex';
import { type EditorProps } from './editor/common';
import { Companies } from './editor/Companies';
import { KgiTable } from './editor/KgiTable';
import { KpiList } from './editor/KpiList';
import { BasicInfo, CoAuthors, Commitment, Requirements, Sections } from './editor/TextSections';

export { EditorSection, type Edit } from './editor/common';

/**
 * Every section of a B or C plan as one form, under a section index that stays in view: basic
 * information, 1–6, the KGI and KPI tables, the core companies, the requirements, the commitment
 * (伴走支援体制 / 相談窓口) and the co-authors.
 */
export function PlanEditor({
  status = null,
  unsaved = new Set<string>(),
  ...props
}: EditorProps & { status?: Record<string, SectionStatus> | null; unsaved?: ReadonlySet<string> }) {
  return (
    <div data-testid="plan-editor">
      <SectionIndex planType={props.plan.plan_type} status={status} unsaved={unsaved} />
      <BasicInfo {...props} />
      <Sections {...props} />
      <KgiTable {...props} />
      <KpiList {...props} />
      <Companies {...props} />
      <Requirements {...props} />
      <Commitment {...props} />
      <CoAuthors {...props} />
    </div>
  );
}

import { EmptyState } from '../components/EmptyState';
import { Page } from '../components/Page';

/** A section whose screens arrive with its service: what it will hold, stated plainly. */
export function SectionPage({ title, summary, items }: { title: string; summary: string; items: readonly string[] }) {
  return (
    <Page title={title}>
      <EmptyState title={summary}>
        <ul className="list-disc space-y-1 pl-6">
          {items.map((item) => (
            <li key={item}>{item}</li>
          ))}
        </ul>
      </EmptyState>
    </Page>
  );
}

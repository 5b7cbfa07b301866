import type { CompiledPage, CompiledSection, CourseManifest, NavNode, PageNode, SectionSummary } from '../../../electron/contract';
import type { Highlight as SearchHighlight } from '../../../electron/core/search/index';
import { api } from '../lib/api';

export interface SectionEntry {
  page: PageNode;
  section: SectionSummary;
}

function pagesOf(nav: NavNode[]): PageNode[] {
  return nav.flatMap((node) => (node.kind === 'page' ? [node] : node.kind === 'group' ? pagesOf(node.children) : []));
}

/** The open course and where the student is in it. */
export class Reader {
  manifest = $state.raw<CourseManifest | null>(null);
  page = $state.raw<CompiledPage | null>(null);
  sectionId = $state<string | null>(null);
  /** A heading to scroll to after the next section change, e.g. from the table of contents. */
  pendingAnchor = $state<string | null>(null);
  /** Words a search matched, marked in the section until the next navigation. */
  searchHighlight = $state.raw<SearchHighlight | null>(null);

  // A plain cache: pages are immutable once loaded, so nothing needs to react to it.
  private readonly pageCache = new Map<string, CompiledPage>();

  /** Every section of the course in reading order. */
  sections = $derived<SectionEntry[]>(
    this.manifest ? pagesOf(this.manifest.nav).flatMap((page) => page.sections.map((section) => ({ page, section }))) : [],
  );
  index = $derived(this.sections.findIndex((entry) => entry.section.id === this.sectionId));
  current = $derived<SectionEntry | undefined>(this.sections[this.index]);
  previous = $derived<SectionEntry | undefined>(this.index > 0 ? this.sections[this.index - 1] : undefined);
  next = $derived<SectionEntry | undefined>(this.index >= 0 ? this.sections[this.index + 1] : undefined);
  compiledSection = $derived<CompiledSection | undefined>(this.page?.sections.find((s) => s.id === this.sectionId));

  async open(courseId: string, sectionId: string | null): Promise<void> {
    this.pageCache.clear();
    this.manifest = await api.openCourse({ courseId });
    const first = this.sections[0]?.section.id ?? null;
    const known = sectionId && this.sections.some((entry) => entry.section.id === sectionId);
    await this.goTo(known ? sectionId : first);
  }

  async goTo(sectionId: string | null, anchor: string | null = null, searchHighlight: SearchHighlight | null = null): Promise<void> {
    // A page path is the id of a page's opening section; for a page without one, it leads to the
    // page's first section.
    const entry = this.sections.find((e) => e.section.id === sectionId) ?? this.sections.find((e) => e.page.path === sectionId);
    if (!entry || !this.manifest) return;
    this.page = await this.loadPage(this.manifest.id, entry.page.path);
    this.pendingAnchor = anchor;
    this.searchHighlight = searchHighlight;
    this.sectionId = entry.section.id;
  }

  goNext(): Promise<void> {
    return this.goTo(this.next?.section.id ?? null);
  }

  goPrevious(): Promise<void> {
    return this.goTo(this.previous?.section.id ?? null);
  }

  private async loadPage(courseId: string, pagePath: string): Promise<CompiledPage> {
    let page = this.pageCache.get(pagePath);
    if (!page) {
      page = await api.getPage({ courseId, pagePath });
      this.pageCache.set(pagePath, page);
    }
    return page;
  }
}

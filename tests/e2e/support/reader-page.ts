import { expect, type Locator, type Page } from '@playwright/test';

/** The reader as a student sees it: what they click and read, named the way the UI names it. */
export class ReaderPage {
  readonly courseTitle: Locator;
  readonly contents: Locator;
  readonly sectionContent: Locator;
  readonly bookmarkButton: Locator;
  readonly bookmarksPanel: Locator;
  readonly noteEditor: Locator;
  readonly notes: Locator;

  constructor(readonly page: Page) {
    this.courseTitle = page.getByTestId('course-title');
    this.contents = page.getByRole('navigation', { name: 'Course contents' });
    this.sectionContent = page.getByTestId('section-content');
    this.bookmarkButton = page.getByRole('button', { name: 'Bookmark this section' });
    this.bookmarksPanel = page.getByTestId('bookmarks-panel');
    this.noteEditor = page.getByRole('textbox', { name: 'Note' });
    this.notes = page.getByTestId('note');
  }

  sectionLink(title: string): Locator {
    return this.contents.getByRole('link', { name: title, exact: false });
  }

  async openSection(title: string): Promise<void> {
    await this.sectionLink(title).click();
    await this.expectSection(title);
  }

  async expectSection(title: string): Promise<void> {
    await expect(this.sectionContent.getByRole('heading', { level: 2 })).toHaveText(title);
  }

  async showTab(name: 'Notes' | 'Bookmarks' | 'Contents'): Promise<void> {
    await this.page.getByRole('tab', { name }).click();
  }

  async writeNote(text: string): Promise<void> {
    await this.showTab('Notes');
    await this.page.getByRole('button', { name: 'New note' }).click();
    await this.noteEditor.fill(text);
    await expect(this.page.getByTestId('note-status')).toHaveText('Saved');
  }
}

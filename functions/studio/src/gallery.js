// Recent meshes from GET /meshes, newest first; each entry reopens its mesh in the preview.
import { canCall, listMeshes } from './api.js';

const PAGE = 12;

export class Gallery {
  constructor(list, more, open, showProblem) {
    this.list = list;
    this.more = more;
    this.open = open;
    this.showProblem = showProblem;
    this.next = null;
    more.addEventListener('click', () => this.load(this.next));
  }

  refresh() {
    this.list.replaceChildren();
    return this.load(null);
  }

  async load(page) {
    if (!canCall()) {
      this.note('Enter the API key to see recent meshes.');
      return;
    }
    try {
      const result = await listMeshes(PAGE, page);
      for (const item of result.items) {
        this.list.append(this.entry(item));
      }
      if (!page && result.items.length === 0) {
        this.note('No meshes yet.');
      }
      this.next = result.next ?? null;
      this.more.hidden = !this.next;
    } catch (error) {
      if (error.status === 401) {
        this.note('Enter the API key to see recent meshes.');
      } else {
        this.showProblem(error);
      }
    }
  }

  entry(item) {
    const li = document.createElement('li');
    const button = document.createElement('button');
    button.type = 'button';
    button.dataset.mesh = item.id;
    const when = new Date(item.createdAt);
    const time = document.createElement('time');
    time.dateTime = item.createdAt;
    time.textContent = when.toLocaleString('en', { dateStyle: 'medium', timeStyle: 'short' });
    const id = document.createElement('code');
    id.textContent = item.id.slice(0, 12);
    button.append('Open ', id, ' ', time);
    button.setAttribute('aria-label', `Open mesh ${item.id} from ${time.textContent}`);
    button.addEventListener('click', () => this.open(item.id));
    li.append(button);
    return li;
  }

  note(text) {
    const li = document.createElement('li');
    li.className = 'hint';
    li.textContent = text;
    this.list.replaceChildren(li);
  }
}

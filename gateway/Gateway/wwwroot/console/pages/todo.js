// 待办: the first page after sign-in for every role. What the signed-in person must do now, from every
// service, by due date, each with a link to the page where it is done; a service that does not answer
// is named, and the rest of the list still shows.
import { get } from '../api.js';
import { esc, render } from '../ui.js';

const services = { planning: '计划清单', filing: '备案清单', tolerance: '容错清单', supervision: '监督评议' };
const reasons = { down: '暂时无法连接', timeout: '未及时响应' };

/** Today in China (UTC+8 all year), as the services count due dates. */
const today = () => new Date(Date.now() + 8 * 3600 * 1000).toISOString().slice(0, 10);

function when(dueOn) {
  const now = today();
  if (dueOn < now) return `<span class="late">已逾期（${esc(dueOn)}）</span>`;
  if (dueOn === now) return `<strong>今天（${esc(dueOn)}）</strong>`;
  return esc(dueOn);
}

export async function todoPage() {
  const list = await get('/api/todo');
  const missing = list.missing.map((m) => `${esc(services[m.service] ?? m.service)}${esc(reasons[m.reason] ?? '未能读取')}`);
  const rows = list.items.map((i) => `<li data-testid="todo-item" data-kind="${esc(i.kind)}" data-reference="${esc(i.reference ?? '')}">
      <a href="${esc(i.link)}">${esc(i.title)}</a>
      <span class="muted">· ${esc(services[i.service] ?? i.service)}${i.reference ? ` · <span translate="no">${esc(i.reference)}</span>` : ''}</span>
      <span class="due">办理期限：${when(i.dueOn)}</span>
    </li>`).join('');
  render(`<h1>待办</h1>
    ${missing.length ? `<p class="notice" role="status" data-testid="todo-missing">以下部分暂缺，请稍后刷新：${missing.join('；')}。</p>` : ''}
    ${list.items.length
    ? `<p class="muted" data-testid="todo-count">共 ${list.items.length} 项，按办理期限排列。</p><ol class="todo" data-testid="todo">${rows}</ol>`
    : '<p class="muted" data-testid="todo-empty">目前没有需要您办理的事项。</p>'}
    ${list.more.length ? '<p class="muted" data-testid="todo-more">部分类别事项较多，此处只列出最紧迫的，其余请在相应页面查看。</p>' : ''}`);
}

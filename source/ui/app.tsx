/** Layout only: the header, one screen's body, the status line and the key hints, exactly the terminal's size. */
import {Box, Text} from 'ink';
import React from 'react';
import {selectTypical} from '../state/baseline.js';
import {listRows, statusHeight, summaryHeight, WIDE_LAYOUT} from '../state/layout.js';
import {selectColumnNeeds, selectMarked, selectRowById, selectTimeline, selectTypeCounts, selectView, timelineSlots} from '../state/selectors.js';
import {exhaustive} from '../state/exhaustive.js';
import type {AppState} from '../state/types.js';
import {CountsPanel, CountsSummary} from './components/counts-panel/counts-panel.js';
import {CheckReportView} from './components/check-report/check-report.js';
import {DetailView} from './components/detail-view/detail-view.js';
import {ExportScreen} from './components/export-screen/export-screen.js';
import {Footer} from './components/footer/footer.js';
import {Header} from './components/header/header.js';
import {HelpOverlay} from './components/help-overlay/help-overlay.js';
import {QueryForm} from './components/query-form/query-form.js';
import {QueueView} from './components/queue-view/queue-view.js';
import {countsPanelNeed, listColumns, panelWidth} from './components/results-list/columns.js';
import {QueueDetail} from './components/queue-detail/queue-detail.js';
import {ResultsList} from './components/results-list/results-list.js';
import {widthOf} from './text.js';
import {StatusLine} from './components/status-line/status-line.js';
import {TimelineBar} from './components/timeline-bar/timeline-bar.js';
import {TokenScreen} from './components/token-screen/token-screen.js';
import {WelcomeScreen} from './components/welcome-screen/welcome-screen.js';
import {activeContexts, hintsFor, keyFor} from './keys.js';

export interface AppProps {
	state: AppState;
	storePath?: string;
}

function emptyText(state: AppState): string {
	if (state.search.running) return 'Searching…';
	if (state.search.error) return `The search failed: ${state.search.error} (${keyFor('refresh', 'list')} tries again)`;
	if (!state.search.query) return `No query yet: press ${keyFor('preset-yesterday', 'list')} for yesterday, ${keyFor('preset-today', 'list')} for today, or ${keyFor('open-form', 'list')} to edit the query`;
	if (state.rows.length > 0) return `No file matches the filter (${keyFor('back', 'list')} clears it)`;
	return `No files match this query (${keyFor('open-form', 'list')} edits it)`;
}

function Browse({state}: {state: AppState}) {
	const width = state.width;
	const wide = width >= WIDE_LAYOUT;
	const needs = selectColumnNeeds(state);
	const counts = selectTypeCounts(state);
	const longestType = counts.reduce((most, entry) => Math.max(most, widthOf(entry.type)), 0);
	const typical = state.baseline?.status === 'loading' ? 'loading' : selectTypical(state);
	// The typical counts (~median) take a column of their own beside each count.
	const panel = panelWidth(width, wide, needs, countsPanelNeed(longestType, state.rows.length) + (typical === undefined ? 0 : 7));
	const listWidth = panel ? width - panel - 1 : width;
	const height = listRows(state);
	const view = selectView(state);
	// A two-line status message can leave the cursor one row below the list: keep it in sight.
	const scroll = Math.max(state.scroll, state.cursor - height + 1);
	return (
		<Box flexDirection="column" width={width} height={height + 2 + summaryHeight(width)}>
			<TimelineBar timeline={selectTimeline(state, timelineSlots(width))} type={state.typeFilter} width={width} />
			{wide ? null : <CountsSummary counts={counts} total={state.rows.length} selected={state.typeFilter} width={width} />}
			<Box flexDirection="row" width={width} height={height + 1}>
				<ResultsList
					rows={view.slice(scroll, scroll + height)}
					offset={scroll}
					cursor={state.cursor}
					marks={state.marks}
					rangeAnchor={state.rangeAnchor}
					sort={state.sort}
					columns={listColumns(listWidth, needs)}
					height={height}
					emptyText={emptyText(state)}
				/>
				{panel ? (
					<Box marginLeft={1}>
						<CountsPanel
							counts={counts}
							total={state.rows.length}
							selected={state.typeFilter}
							width={panel}
							height={height + 1}
							typical={typical}
						/>
					</Box>
				) : null}
			</Box>
		</Box>
	);
}

function Body({state, storePath}: AppProps) {
	const width = state.width;
	const height = Math.max(1, state.height - 2 - statusHeight(state));
	if (state.helpOpen) return <HelpOverlay contexts={activeContexts({...state, helpOpen: false, confirm: undefined})} scroll={state.helpScroll} width={width} height={height} />;
	switch (state.screen) {
		case 'welcome':
			return <WelcomeScreen width={width} height={height} />;
		case 'token':
			return <TokenScreen token={state.token} service={state.service} storePath={storePath} spinner={state.spinner} width={width} height={height} />;
		case 'form':
			return <QueryForm form={state.form} knownTypes={state.knownTypes} counts={state.counts} lastQuery={state.search.query} lastCheck={state.lastCheck} now={state.now} width={width} height={height} />;
		case 'detail':
			return <DetailView row={selectRowById(state, state.detailId)} marked={state.detailId !== undefined && state.marks.has(state.detailId)} scroll={state.detailScroll} width={width} height={height} />;
		case 'queue':
			if (state.queueDetail) return <QueueDetail file={state.queue?.files[state.queueCursor]} width={width} height={height} />;
			return <QueueView queue={state.queue} cursor={state.queueCursor} width={width} height={height} />;
		case 'check':
			return <CheckReportView baseline={state.baseline} scroll={state.checkScroll} width={width} height={height} />;
		case 'export':
			return <ExportScreen form={state.exportForm} marked={selectMarked(state).count} inView={selectView(state).length} width={width} height={height} />;
		case 'browse':
			return <Browse state={state} />;
		default:
			return exhaustive(state.screen, <Browse state={state} />);
	}
}

/** Below this the layout cannot keep its promise that nothing wraps. */
export const MIN_WIDTH = 60;
export const MIN_HEIGHT = 12;

export function App({state, storePath}: AppProps) {
	const width = state.width;
	if (width < MIN_WIDTH || state.height < MIN_HEIGHT) {
		return (
			<Box width={width} height={state.height} overflow="hidden">
				<Text wrap="truncate">{`cassi needs ${MIN_WIDTH}×${MIN_HEIGHT} (now ${width}×${state.height}): enlarge the window · ^C quits`}</Text>
			</Box>
		);
	}
	return (
		<Box flexDirection="column" width={width} height={state.height} overflow="hidden">
			<Header query={state.search.query} demo={state.demo} service={state.service} width={width} />
			<Box height={Math.max(1, state.height - 2 - statusHeight(state))} width={width} overflow="hidden">
				<Body state={state} storePath={storePath} />
			</Box>
			<StatusLine
				search={state.search}
				rowCount={state.rows.length}
				viewCount={selectView(state).length}
				marked={selectMarked(state)}
				filter={state.filter}
				filtering={state.filtering}
				typeFilter={state.typeFilter}
				message={state.message}
				confirm={state.confirm}
				queue={state.queue}
				spinner={state.spinner}
				width={width}
			/>
			<Footer hints={hintsFor(activeContexts(state))} width={width} />
		</Box>
	);
}

// The lifecycle of a case type drawn from its machine at run time (states and the events
// between them, laid out by dagre), with the current state marked and the path taken so far
// highlighted. Nothing is hand-drawn, so the picture cannot fall out of date. A parent state
// is drawn as a box around its children; an event it handles is drawn from each child, since
// each child can take it.
import dagre from '@dagrejs/dagre';
import type { AnyStateNode } from 'xstate';
import type { CaseType } from '../../machines/index.js';
import type { Locale } from '../i18n.js';
import { caseText } from '../texts/case-texts.js';

interface LaidOutNode {
  id: string;
  label: string;
  x: number;
  y: number;
  width: number;
  height: number;
  final: boolean;
  /** A parent state: drawn as a box around its children. */
  parent: boolean;
}
interface LaidOutEdge {
  from: string;
  to: string;
  event: string;
  label: string;
  points: { x: number; y: number }[];
  labelX: number;
  labelY: number;
}
interface Layout {
  width: number;
  height: number;
  nodes: LaidOutNode[];
  edges: LaidOutEdge[];
}

const layouts = new Map<string, Layout>();

/** Width of a label in px at the diagram's font size: CJK characters are about twice as wide. */
function textWidth(text: string, size: number): number {
  let width = 0;
  for (const ch of text) width += /[\u2e80-\u9fff\uff00-\uffef]/.test(ch) ? size : size * 0.58;
  return width;
}

/** The leaf a transition into this state lands in (a parent's initial child, and so on down). */
function landingLeafOf(node: AnyStateNode): AnyStateNode {
  const initial = node.initial?.target?.[0];
  return initial ? landingLeafOf(initial) : node;
}

function leavesUnder(node: AnyStateNode): AnyStateNode[] {
  const children = Object.values(node.states) as AnyStateNode[];
  return children.length === 0 ? [node] : children.flatMap(leavesUnder);
}

function layoutOf(typeName: string, caseType: CaseType, locale: Locale): Layout {
  const key = `${typeName}:${caseType.version}:${locale}`;
  const cached = layouts.get(key);
  if (cached) return cached;
  const texts = caseText(locale, typeName);
  const g = new dagre.graphlib.Graph({ multigraph: true, compound: true });
  g.setGraph({ rankdir: 'TB', nodesep: 28, ranksep: 46, edgesep: 12, marginx: 8, marginy: 8 });
  g.setDefaultEdgeLabel(() => ({}));
  const addNodes = (node: AnyStateNode, parent: string | null) => {
    for (const child of Object.values(node.states) as AnyStateNode[]) {
      const label = texts.state(child.key);
      const isParent = Object.keys(child.states).length > 0;
      g.setNode(child.key, {
        label,
        width: textWidth(label, 14) + 28,
        height: 36,
        final: child.type === 'final',
        parent: isParent,
      });
      if (parent) g.setParent(child.key, parent);
      if (isParent) addNodes(child, child.key);
    }
  };
  addNodes(caseType.machine.root, null);
  const addEdges = (node: AnyStateNode) => {
    for (const [event, transitions] of node.transitions) {
      for (const transition of transitions) {
        const target = transition.target?.[0];
        if (!target) continue;
        const to = landingLeafOf(target).key;
        const label = texts.event(event);
        for (const from of leavesUnder(node).map((leaf) => leaf.key)) {
          g.setEdge(
            from,
            to,
            { label, event, width: textWidth(label, 11) + 6, height: 14, labelpos: 'c' },
            `${from}:${event}`,
          );
        }
      }
    }
    for (const child of Object.values(node.states) as AnyStateNode[]) addEdges(child);
  };
  addEdges(caseType.machine.root);
  dagre.layout(g);
  const graph = g.graph();
  const layout: Layout = {
    width: Math.ceil(graph.width ?? 0),
    height: Math.ceil(graph.height ?? 0),
    nodes: g.nodes().map((id) => {
      const n = g.node(id) as unknown as LaidOutNode;
      return { id, label: n.label, x: n.x, y: n.y, width: n.width, height: n.height, final: n.final, parent: n.parent };
    }),
    edges: g.edges().map((e) => {
      const edge = g.edge(e) as unknown as {
        label: string;
        event: string;
        points: { x: number; y: number }[];
        x: number;
        y: number;
      };
      return {
        from: e.v,
        to: e.w,
        event: edge.event,
        label: edge.label,
        points: edge.points,
        labelX: edge.x,
        labelY: edge.y,
      };
    }),
  };
  layouts.set(key, layout);
  return layout;
}

export interface PathStep {
  from: string | null;
  to: string;
  event: string;
}

export function LifecycleDiagram(props: {
  typeName: string;
  caseType: CaseType;
  locale: Locale;
  current: string;
  path: PathStep[];
  title: string;
  description: string;
}) {
  const layout = layoutOf(props.typeName, props.caseType, props.locale);
  const visited = new Set(props.path.map((s) => s.to));
  const taken = new Set(props.path.filter((s) => s.from).map((s) => `${s.from}:${s.event}`));
  return (
    <figure class="lifecycle">
      <svg
        role="img"
        aria-labelledby="lifecycle-title lifecycle-desc"
        viewBox={`0 0 ${layout.width} ${layout.height}`}
        width={layout.width}
      >
        <title id="lifecycle-title">{props.title}</title>
        <desc id="lifecycle-desc">{props.description}</desc>
        <defs>
          <marker
            id="arrow"
            viewBox="0 0 10 10"
            refX="9"
            refY="5"
            markerWidth="7"
            markerHeight="7"
            orient="auto-start-reverse"
          >
            <path d="M0,0 L10,5 L0,10 z" class="arrow-head" />
          </marker>
          <marker
            id="arrow-taken"
            viewBox="0 0 10 10"
            refX="9"
            refY="5"
            markerWidth="7"
            markerHeight="7"
            orient="auto-start-reverse"
          >
            <path d="M0,0 L10,5 L0,10 z" class="arrow-head taken" />
          </marker>
        </defs>
        {layout.nodes
          .filter((node) => node.parent)
          .map((node) => (
            <g class="cluster" data-state={node.id}>
              <rect
                x={(node.x - node.width / 2).toFixed(1)}
                y={(node.y - node.height / 2).toFixed(1)}
                width={node.width.toFixed(1)}
                height={node.height.toFixed(1)}
                rx="10"
              />
              <text x={(node.x - node.width / 2 + 8).toFixed(1)} y={(node.y - node.height / 2 + 14).toFixed(1)}>
                {node.label}
              </text>
            </g>
          ))}
        {layout.edges.map((edge) => {
          const isTaken = taken.has(`${edge.from}:${edge.event}`);
          const d = edge.points.map((p, i) => `${i === 0 ? 'M' : 'L'}${p.x.toFixed(1)},${p.y.toFixed(1)}`).join(' ');
          return (
            <g class={isTaken ? 'edge taken' : 'edge'} data-event={edge.event}>
              <path d={d} marker-end={isTaken ? 'url(#arrow-taken)' : 'url(#arrow)'} />
              <text x={edge.labelX.toFixed(1)} y={(edge.labelY + 4).toFixed(1)} text-anchor="middle">
                {edge.label}
              </text>
            </g>
          );
        })}
        {layout.nodes
          .filter((node) => !node.parent)
          .map((node) => {
            const classes = [
              'node',
              node.final ? 'final' : '',
              visited.has(node.id) ? 'visited' : '',
              node.id === props.current ? 'current' : '',
            ]
              .filter(Boolean)
              .join(' ');
            return (
              <g class={classes} data-state={node.id} aria-current={node.id === props.current ? 'step' : undefined}>
                <rect
                  x={(node.x - node.width / 2).toFixed(1)}
                  y={(node.y - node.height / 2).toFixed(1)}
                  width={node.width.toFixed(1)}
                  height={node.height}
                  rx="8"
                />
                <text x={node.x.toFixed(1)} y={(node.y + 5).toFixed(1)} text-anchor="middle">
                  {node.label}
                </text>
              </g>
            );
          })}
      </svg>
    </figure>
  );
}

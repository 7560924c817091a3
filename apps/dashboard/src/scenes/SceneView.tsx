import { Suspense } from 'react';
import type { PanelProps } from '../panels/panel.ts';
import { panelSize, PANELS } from '../panels/registry.tsx';
import { screenPart } from '@cityioc/domain';
import { sceneLayout, type SceneDef } from './scene-registry.ts';

/** One panel in its grid cell; a lazy panel shows an empty frame while its code loads. */
function PanelSlot({ id, ctx, warm }: { id: string; warm: boolean } & PanelProps) {
  const def = PANELS[id];
  if (!def) return null;
  const frame = <section className="panel panel-loading" data-testid={`panel-loading-${id}`} />;
  const Panel = def.component;
  return (
    <div className="scene-cell" data-panel={id}>
      {def.deferred && !warm ? (
        frame
      ) : (
        <Suspense fallback={frame}>
          <Panel ctx={ctx} />
        </Suspense>
      )}
    </div>
  );
}

/**
 * A scene drawn from its playlist entry (scene-registry.ts): an optional title bar across the
 * width, then columns of panels; on screen i of a wall of n, only that screen's part of the columns
 * (`@cityioc/domain` screenPart). A hidden scene stays laid out (invisible), so showing it again
 * never re-creates a map or a chart.
 */
export function SceneView({
  scene,
  active,
  warm,
  ctx,
  screen = 1,
  of = 1,
}: { scene: SceneDef; active: boolean; warm: boolean; screen?: number; of?: number } & PanelProps) {
  const layout = sceneLayout({ ...scene, ...screenPart(scene, screen, of) }, panelSize);
  return (
    <main
      className={`scene scene-view scene-${scene.id}${active ? '' : ' is-hidden'}`}
      aria-hidden={!active}
      data-testid={`scene-${scene.id}`}
      data-active={active}
      style={{ gap: layout.gap }}
    >
      {layout.head && <PanelSlot id={layout.head} ctx={ctx} warm={warm} />}
      <div className="scene-grid" style={{ gridTemplateColumns: layout.columns, gap: layout.gap }}>
        {layout.stacks.map((stack, i) => (
          <div key={i} className="scene-col" style={{ gridTemplateRows: stack.rows, gap: layout.gap }}>
            {stack.panels.map((id) => (
              <PanelSlot key={id} id={id} ctx={ctx} warm={warm} />
            ))}
          </div>
        ))}
      </div>
    </main>
  );
}

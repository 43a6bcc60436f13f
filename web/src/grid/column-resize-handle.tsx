import { useRef } from 'react';
import { clampWidth } from './grid-columns.ts';

export interface ColumnResizeHandleProps {
  /** The column's name, for the handle's label. */
  name: string;
  width: number;
  /** The new width while dragging, and once more when the drag ends. */
  onResize(width: number): void;
}

/** Step of the arrow keys on a focused handle. */
const KEY_STEP = 20;

/**
 * The right edge of a header cell: drag it to resize the column, or focus it and press ←/→.
 * Pointer capture keeps the drag going when the pointer leaves the header.
 */
export function ColumnResizeHandle({ name, width, onResize }: ColumnResizeHandleProps) {
  const drag = useRef<{ startX: number; startWidth: number } | null>(null);
  return (
    <div
      className="column-resize-handle"
      role="separator"
      aria-orientation="vertical"
      aria-label={`Resize ${name}`}
      aria-valuenow={width}
      tabIndex={-1}
      onMouseDown={(event) => event.stopPropagation()}
      onClick={(event) => event.stopPropagation()}
      onPointerDown={(event) => {
        event.preventDefault();
        event.stopPropagation();
        event.currentTarget.setPointerCapture(event.pointerId);
        drag.current = { startX: event.clientX, startWidth: width };
      }}
      onPointerMove={(event) => {
        if (!drag.current) return;
        onResize(clampWidth(drag.current.startWidth + event.clientX - drag.current.startX));
      }}
      onPointerUp={(event) => {
        if (!drag.current) return;
        event.currentTarget.releasePointerCapture(event.pointerId);
        drag.current = null;
      }}
      onKeyDown={(event) => {
        if (event.key === 'ArrowLeft' || event.key === 'ArrowRight') {
          event.preventDefault();
          event.stopPropagation();
          onResize(clampWidth(width + (event.key === 'ArrowRight' ? KEY_STEP : -KEY_STEP)));
        }
      }}
    />
  );
}

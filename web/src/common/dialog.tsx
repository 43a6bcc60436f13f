import { useEffect, useRef, type ReactNode } from 'react';

export interface DialogProps {
  title: string;
  onClose(): void;
  children: ReactNode;
  /** Wider dialogs for forms with previews (column form, CSV mapping). */
  size?: 'normal' | 'wide';
  testId?: string;
}

/**
 * A modal on the native <dialog>: it traps focus, closes on Esc and restores focus on close
 * without any code of ours. Esc goes through `onClose` so the parent stays the owner of "open".
 * The element marked `data-autofocus` gets the focus when it opens.
 */
export function Dialog({ title, onClose, children, size = 'normal', testId }: DialogProps) {
  const reference = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = reference.current;
    if (dialog && !dialog.open) dialog.showModal();
    // showModal focuses the first focusable element (the × in the header); the field a dialog
    // names with data-autofocus is where people start typing.
    dialog?.querySelector<HTMLElement>('[data-autofocus]')?.focus();
    return () => dialog?.close();
  }, []);
  return (
    <dialog
      ref={reference}
      className={`dialog dialog-${size}`}
      aria-labelledby="dialog-title"
      data-testid={testId}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      <header className="dialog-header">
        <h2 id="dialog-title">{title}</h2>
        <button type="button" className="button button-quiet" onClick={onClose} aria-label="Close">
          ×
        </button>
      </header>
      <div className="dialog-body">{children}</div>
    </dialog>
  );
}

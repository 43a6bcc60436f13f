import { parseWaitingMessage } from '../../../src/domain/dependency-messages.ts';

export interface FailureTextProps {
  message: string | null | undefined;
  /** Go to the cell of the named column in the same row (the one this cell waits on). */
  onFollow?(columnName: string): void;
}

/** A message as a sentence: first letter up, and nothing when there is none. */
export function sentence(message: string): string {
  return message.charAt(0).toUpperCase() + message.slice(1);
}

/**
 * Why a cell failed. A cell that waited on a failed one says "Waiting on Segment, which failed",
 * with the column's name a link to that cell (its own message says what went wrong there).
 */
export function FailureText({ message, onFollow }: FailureTextProps) {
  if (!message) return <>The cell failed without a message.</>;
  const waiting = parseWaitingMessage(message);
  if (!waiting) return <>{sentence(message)}</>;
  const rest = message.slice(`waiting on ${waiting.columnName}`.length);
  return (
    <>
      Waiting on{' '}
      {onFollow ? (
        <button
          type="button"
          className="button-link failure-link"
          data-testid="failure-link"
          onClick={(event) => {
            event.stopPropagation();
            onFollow(waiting.columnName);
          }}
        >
          {waiting.columnName}
        </button>
      ) : (
        <strong>{waiting.columnName}</strong>
      )}
      {rest}
    </>
  );
}

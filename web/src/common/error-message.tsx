import { ApiError, describeIssue, errorMessage } from '../api/api-error.ts';

/** An error as the user reads it: the message, and every 422 issue with the field it names. */
export function ErrorMessage({ error, title }: { error: unknown; title?: string }) {
  if (error === null || error === undefined) return null;
  const issues = error instanceof ApiError ? error.issues : [];
  return (
    <div className="notice notice-error" role="alert" data-testid="error-message">
      {title && <strong>{title} </strong>}
      {issues.length > 1 ? (
        <>
          <span>The server refused the request:</span>
          <ul>
            {issues.map((issue, index) => (
              <li key={index}>{describeIssue(issue)}</li>
            ))}
          </ul>
        </>
      ) : (
        <span>{errorMessage(error)}</span>
      )}
    </div>
  );
}

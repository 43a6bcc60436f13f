/** How a usage report groups a table's answered cells. */
export const USAGE_GROUPINGS = ['run', 'column', 'model', 'day'] as const;
export type UsageGrouping = (typeof USAGE_GROUPINGS)[number];

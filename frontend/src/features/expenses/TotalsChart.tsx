/** A bar chart of money totals in one currency, as a named figure with the same numbers as a table. */
import { BarChart } from '@mantine/charts';
import '@mantine/charts/styles.css';
import { Text } from '@mantine/core';
import { ChartFigure } from './shared';

interface Props {
  label: string;
  caption?: string;
  columns: string[];
  rows: (string | number)[][];
  data: Record<string, string | number>[];
  dataKey: string;
  currency: string;
  byName?: boolean;
}

/** `byName` lays the bars out sideways, one per name (categories); else one per period. */
export function TotalsChart({
  label,
  caption,
  columns,
  rows,
  data,
  dataKey,
  currency,
  byName,
}: Props) {
  return (
    <ChartFigure label={label} columns={columns} rows={rows}>
      <Text fw={600} mb="xs">
        {caption ?? label}
      </Text>
      <BarChart
        h={byName ? 260 : 220}
        data={data.map((row) => ({ ...row, total: Number(row.total) }))}
        dataKey={dataKey}
        series={[{ name: 'total', label: currency, color: 'blue.8' }]}
        barChartProps={{ accessibilityLayer: false }}
        {...(byName ? { orientation: 'vertical' as const, yAxisProps: { width: 110 } } : {})}
      />
    </ChartFigure>
  );
}

/** Spent against budget per currency: a bar chart, with the same numbers as a table for screen readers. */
import { BarChart } from '@mantine/charts';
import '@mantine/charts/styles.css';
import { VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { HomeDashboard } from '../../api/types';
import { formatMoney, localeFor } from '../../app/format';

export default function SpendingChart({ rows }: { rows: HomeDashboard['spending'] }) {
  const { t, i18n } = useTranslation();
  const locale = localeFor(i18n.language);
  const data = rows
    .filter((row) => row.budget)
    .map((row) => ({
      currency: row.currency,
      spent: Number(row.spent),
      budget: Number(row.budget),
    }));
  const label = t('Spending against the budget');
  return (
    <figure aria-label={label} style={{ margin: 0 }}>
      <div aria-hidden>
        <BarChart
          h={160}
          data={data}
          dataKey="currency"
          series={[
            { name: 'spent', label: t('Spent'), color: 'blue.8' },
            { name: 'budget', label: t('Budget'), color: 'gray.5' },
          ]}
          withLegend
          tickLine="none"
          barChartProps={{ accessibilityLayer: false }}
        />
      </div>
      <VisuallyHidden>
        <table>
          <caption>{label}</caption>
          <thead>
            <tr>
              <th scope="col">{t('Currency')}</th>
              <th scope="col">{t('Spent')}</th>
              <th scope="col">{t('Budget')}</th>
            </tr>
          </thead>
          <tbody>
            {data.map((row) => (
              <tr key={row.currency}>
                <td>{row.currency}</td>
                <td>{formatMoney(row.spent, row.currency, locale)}</td>
                <td>{formatMoney(row.budget, row.currency, locale)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </VisuallyHidden>
    </figure>
  );
}

/** A Home card: a named region (its heading) with a link to the feature behind it. */
import { Anchor, Card, Group, Skeleton, Text, Title } from '@mantine/core';
import { useId, type ReactNode } from 'react';
import { Link } from 'react-router';

interface Props {
  title: string;
  to: string;
  linkLabel: string;
  loading: boolean;
  children: ReactNode;
}

export function HomeCard({ title, to, linkLabel, loading, children }: Props) {
  const id = useId();
  return (
    <Card component="section" aria-labelledby={id} withBorder padding="md" radius="md">
      <Group justify="space-between" mb="sm" wrap="nowrap">
        <Title order={2} size="h4" id={id}>
          {title}
        </Title>
        <Anchor
          component={Link}
          to={to}
          size="sm"
          className="touch-target"
          style={{ display: 'inline-flex', alignItems: 'center' }}
        >
          {linkLabel}
        </Anchor>
      </Group>
      {loading ? <Skeleton height={80} /> : children}
    </Card>
  );
}

/** "Nothing here yet" in the card's own words. */
export function Empty({ children }: { children: ReactNode }) {
  return <Text c="dimmed">{children}</Text>;
}

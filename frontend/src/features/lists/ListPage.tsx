/** One list: "Add items", items by aisle, "Shopping mode", "Finish shopping", "Share". */
import { Alert, Button, Group, Stack, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconShoppingCart, IconShare } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import type { ShoppingList } from './aisles';
import { Pending } from '../offline/Pending';
import { AddItems, useAddItems } from './AddItems';
import { Estimate } from './Estimate';
import { FinishShopping, useUndoShop, type Shop } from './FinishShopping';
import { useItems, useList } from './hooks';
import { ItemsView } from './ItemsView';
import { ShareDialog } from './ShareDialog';

/** Keep the screen on while shopping, where the browser allows (Screen Wake Lock API). */
function useWakeLock(on: boolean) {
  useEffect(() => {
    if (!on || !('wakeLock' in navigator)) return;
    let lock: WakeLockSentinel | null = null;
    let cancelled = false;
    navigator.wakeLock
      .request('screen')
      .then((sentinel) => (cancelled ? void sentinel.release() : (lock = sentinel)))
      .catch(() => undefined);
    return () => {
      cancelled = true;
      void lock?.release();
    };
  }, [on]);
}

function Actions({
  list,
  shopping,
  setShopping,
  onFinish,
  onShare,
}: {
  list: ShoppingList;
  shopping: boolean;
  setShopping: (on: boolean) => void;
  onFinish: () => void;
  onShare: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Group gap="xs">
      <Button
        variant={shopping ? 'filled' : 'default'}
        aria-pressed={shopping}
        leftSection={<IconShoppingCart size={18} aria-hidden />}
        onClick={() => setShopping(!shopping)}
      >
        {t('Shopping mode')}
      </Button>
      {list.role !== 'view' && (
        <Button variant="default" onClick={onFinish} disabled={list.checked_count === 0}>
          {t('Finish shopping')}
        </Button>
      )}
      {list.role === 'owner' && (
        <Button
          variant="default"
          leftSection={<IconShare size={18} aria-hidden />}
          onClick={onShare}
        >
          {t('Share')}
        </Button>
      )}
    </Group>
  );
}

function Outcome({ text, shop, onUndo }: { text: string; shop: Shop | null; onUndo: () => void }) {
  const { t } = useTranslation();
  return (
    <Group role="status" aria-live="polite" mih={36} gap="xs">
      <Text>{text}</Text>
      {shop && (
        <Button variant="subtle" size="compact-md" onClick={onUndo}>
          {t('Undo')}
        </Button>
      )}
    </Group>
  );
}

function Dialogs({
  list,
  finishing,
  sharing,
  onFinishClose,
  onShareClose,
  onShop,
}: {
  list: ShoppingList;
  finishing: boolean;
  sharing: boolean;
  onFinishClose: () => void;
  onShareClose: () => void;
  onShop: (shop: Shop) => void;
}) {
  return (
    <>
      <FinishShopping
        listId={list.list_id}
        opened={finishing}
        lastVendor={list.last_vendor}
        onClose={onFinishClose}
        onDone={onShop}
      />
      <ShareDialog list={list} opened={sharing} onClose={onShareClose} />
    </>
  );
}

function ListBody({ list }: { list: ShoppingList }) {
  const { t } = useTranslation();
  const listId = list.list_id;
  const items = useItems(listId);
  const addItems = useAddItems(listId);
  const undo = useUndoShop(listId);
  const [shopping, setShopping] = useState(false);
  const [finishing, finish] = useDisclosure(false);
  const [sharing, share] = useDisclosure(false);
  const [status, setStatus] = useState('');
  const [shop, setShop] = useState<Shop | null>(null);
  useWakeLock(shopping);
  const onUndo = async (done: Shop) => {
    await undo(done.expenseId);
    setShop(null);
    setStatus(t('The shop was taken back: its expense is deleted.'));
  };
  return (
    <>
      <Actions
        list={list}
        shopping={shopping}
        setShopping={setShopping}
        onFinish={finish.open}
        onShare={share.open}
      />
      {list.role !== 'view' && !shopping && <AddItems onAdd={addItems} onAdded={setStatus} />}
      <Pending kind="list-items" scope={`list:${listId}`} />
      <Outcome text={status} shop={shop} onUndo={() => shop && void onUndo(shop)} />
      {list.list_type === 'shopping' && !shopping && <Estimate listId={listId} />}
      {items.data && (
        <ItemsView
          listId={listId}
          items={items.data}
          shopping={shopping}
          readOnly={list.role === 'view'}
        />
      )}
      <Dialogs
        list={list}
        finishing={finishing}
        sharing={sharing}
        onFinishClose={finish.close}
        onShareClose={share.close}
        onShop={(done) => {
          finish.close();
          setShop(done);
          setStatus(done.text);
        }}
      />
    </>
  );
}

export default function ListPage() {
  const { t } = useTranslation();
  const list = useList(Number(useParams().listId));
  if (list.isError) return <Alert color="red">{t('This list could not be loaded.')}</Alert>;
  const data = list.data as ShoppingList | undefined;
  return (
    <Stack maw={800}>
      <Title order={1}>{data?.name ?? t('List')}</Title>
      {data && <ListBody list={data} />}
    </Stack>
  );
}

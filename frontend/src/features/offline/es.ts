/** Spanish for what waits on the device. */
export const es: Record<string, string> = {
  'Saved on this device': 'Guardado en este dispositivo',
  'Waiting to sync': 'Esperando para sincronizar',
  'Not saved': 'No guardado',
  Dismiss: 'Descartar',
  'Offline: kept on this device and sent when you are back online.':
    'Sin conexión: se guarda en este dispositivo y se envía al volver la conexión.',
};

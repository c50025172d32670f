/** Spanish for the notification centre. */
export const es: Record<string, string> = {
  Unread: 'Sin leer',
  'Mark read': 'Marcar como leída',
  Preferences: 'Preferencias',
  'How each kind of notification reaches you.': 'Cómo te llega cada tipo de notificación.',
  'All notifications and preferences': 'Todas las notificaciones y preferencias',
  // Kinds
  'Subscription renewals': 'Renovaciones de suscripciones',
  'Trials ending': 'Pruebas que terminan',
  'Price increases': 'Subidas de precio',
  'Payments due': 'Pagos pendientes',
  'Budget nearly used': 'Presupuesto casi agotado',
  'Budget exceeded': 'Presupuesto superado',
  'Task reminders': 'Recordatorios de tareas',
  'Overdue tasks': 'Tareas vencidas',
  'Loans due soon': 'Préstamos que vencen pronto',
  'Overdue loans': 'Préstamos vencidos',
  'Shops finished on your lists': 'Compras terminadas en tus listas',
  'Lists shared with you': 'Listas compartidas contigo',
  'Webhooks turned off': 'Webhooks desactivados',
  // Channels
  'In app': 'En la app',
  Email: 'Correo electrónico',
  'Daily digest': 'Resumen diario',
  None: 'Ninguno',
};

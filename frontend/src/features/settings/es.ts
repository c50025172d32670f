/** Spanish for the Settings page's parts beyond the profile (whose words are the app's). */
export const es: Record<string, string> = {
  'A new link is ready; the old one no longer works.':
    'Hay un enlace nuevo; el anterior ya no funciona.',
  'Link copied.': 'Enlace copiado.',
  'Copying is not allowed here: select the link and copy it.':
    'Aquí no se permite copiar: selecciona el enlace y cópialo.',
  'Calendar feed': 'Calendario',
  'Renewals, due tasks and loans in any calendar app. Keep the link private.':
    'Renovaciones, tareas y préstamos en cualquier app de calendario. No compartas el enlace.',
  'Feed link': 'Enlace del calendario',
  'Copy link': 'Copiar el enlace',
  Regenerate: 'Generar otro',
  'Delete my account': 'Eliminar mi cuenta',
  'This erases, for good and at once:': 'Esto borra, para siempre y al momento:',
  'your account, profile and sessions;': 'tu cuenta, tu perfil y tus sesiones;',
  'every expense, budget, subscription, task, list and loan;':
    'todos tus gastos, presupuestos, suscripciones, tareas, listas y préstamos;',
  'your notifications, webhooks, calendar link, imports and assistant history.':
    'tus notificaciones, webhooks, enlace de calendario, importaciones e historial del asistente.',
  'Lists you own go for the people you shared them with too. Export your data first: nothing can be recovered.':
    'Las listas tuyas desaparecen también para quienes las compartían. Exporta antes tus datos: nada se puede recuperar.',
  'Enter your password to confirm.': 'Escribe tu contraseña para confirmar.',
  'Delete my account for good': 'Eliminar mi cuenta para siempre',
  'Your data': 'Tus datos',
  'Everything MY SPHERE keeps about you, as one JSON file.':
    'Todo lo que MY SPHERE guarda de ti, en un archivo JSON.',
  'Export my data': 'Exportar mis datos',
  'Current password': 'Contraseña actual',
  'Enter your current password.': 'Escribe tu contraseña actual.',
  'Choose a new password.': 'Elige una contraseña nueva.',
  'Changing it logs you out everywhere: on every device and browser.':
    'Cambiarla cierra tu sesión en todas partes: en cada dispositivo y navegador.',
  'Change password and log out everywhere': 'Cambiar la contraseña y cerrar todas las sesiones',
  'Signing secret (shown once)': 'Secreto de firma (se muestra una vez)',
  'Copy it now into the receiving service; it is never shown again.':
    'Cópialo ahora en el servicio que recibe; no se vuelve a mostrar.',
  'Endpoint URL': 'URL de destino',
  'Enter the address to call.': 'Escribe la dirección a la que llamar.',
  Description: 'Descripción',
  'Add webhook': 'Añadir webhook',
  Deliveries: 'Entregas',
  'Nothing sent yet.': 'Aún no se ha enviado nada.',
  Event: 'Evento',
  Status: 'Estado',
  Attempts: 'Intentos',
  Answer: 'Respuesta',
  Active: 'Activo',
  Paused: 'En pausa',
  'Rotate secret': 'Cambiar el secreto',
  Webhooks: 'Webhooks',
  'MY SPHERE calls these addresses, signed, when something happens.':
    'MY SPHERE llama a estas direcciones, con firma, cuando pasa algo.',
  Sessions: 'Sesiones',
  'Log out everywhere': 'Cerrar sesión en todas partes',
  'Log out everywhere?': '¿Cerrar sesión en todas partes?',
  'Every device and browser signed in to your account is logged out, this one included. You will sign in again here.':
    'Se cierra la sesión en todos los dispositivos y navegadores con tu cuenta, también en este. Volverás a iniciar sesión aquí.',
  'Lost a phone or signed in on a shared computer? End every session of your account at once.':
    '¿Perdiste un teléfono o iniciaste sesión en un ordenador compartido? Cierra todas las sesiones de tu cuenta a la vez.',
};

/** Spanish for the assistant's screen. */
export const es: Record<string, string> = {
  Message: 'Mensaje',
  Speak: 'Hablar',
  Send: 'Enviar',
  'Clear history': 'Borrar el historial',
  'Read replies aloud': 'Leer las respuestas en voz alta',
  You: 'Tú',
  'Proposed change': 'Cambio propuesto',
  Conversation: 'Conversación',
  'Ask about your money, tasks and lists, or tell me what to add.':
    'Pregunta por tu dinero, tus tareas y tus listas, o dime qué añadir.',
};

import { t } from './builder.ts';
import type { TemplateDefinition } from './builder.ts';

/** An online purchase journey, from discovering a product to buying again. */
export const ECOMMERCE_PURCHASE: TemplateDefinition = {
  idPrefix: 'shop',
  title: t('Compra en la tienda online', 'Online store purchase'),
  state: 'as-is',
  stages: [
    { key: 'discover', name: t('Descubrir', 'Discover') },
    { key: 'research', name: t('Investigar y comparar', 'Research and compare') },
    { key: 'buy', name: t('Comprar', 'Buy') },
    { key: 'receive', name: t('Recibir el pedido', 'Receive the order') },
    { key: 'help', name: t('Usar y pedir ayuda', 'Use and get help') },
    { key: 'again', name: t('Volver a comprar', 'Buy again') },
  ],
  lanes: [
    { key: 'actions', kind: 'actions', title: t('Acciones del cliente', 'Customer actions') },
    { key: 'channels', kind: 'channels', title: t('Canales', 'Channels') },
    {
      key: 'thoughts',
      kind: 'thoughts',
      title: t('Pensamientos y preguntas', 'Thoughts and questions'),
    },
    { key: 'emotions', kind: 'emotions', title: t('Emociones', 'Emotions') },
    { key: 'pains', kind: 'pain-points', title: t('Puntos de dolor', 'Pain points') },
    { key: 'mot', kind: 'moments-of-truth', title: t('Momentos de la verdad', 'Moments of truth') },
    { key: 'ideas', kind: 'opportunities', title: t('Oportunidades', 'Opportunities') },
    { key: 'depts', kind: 'departments', title: t('Departamentos', 'Departments') },
    { key: 'kpis', kind: 'kpis', title: t('Indicadores', 'KPIs') },
  ],
  cards: [
    {
      stage: 'discover',
      lane: 'actions',
      text: t('Ve un anuncio en redes sociales', 'Sees an ad on social media'),
    },
    {
      stage: 'research',
      lane: 'actions',
      text: t('Compara precios y lee opiniones', 'Compares prices and reads reviews'),
    },
    { stage: 'buy', lane: 'actions', text: t('Añade al carrito y paga', 'Adds to cart and pays') },
    {
      stage: 'receive',
      lane: 'actions',
      text: t('Sigue el envío y recibe el paquete', 'Tracks the delivery and gets the parcel'),
    },
    {
      stage: 'help',
      lane: 'actions',
      text: t('Pide cambiar la talla', 'Asks to exchange the size'),
    },
    {
      stage: 'again',
      lane: 'actions',
      text: t('Recibe una oferta y repite', 'Gets an offer and buys again'),
    },
    {
      stage: 'discover',
      lane: 'channels',
      channel: 'social',
      text: t('Redes sociales', 'Social media'),
    },
    {
      stage: 'research',
      lane: 'channels',
      channel: 'web',
      text: t('Web de la tienda', 'Store website'),
    },
    { stage: 'buy', lane: 'channels', channel: 'app', text: t('App móvil', 'Mobile app') },
    {
      stage: 'help',
      lane: 'channels',
      channel: 'chat',
      text: t('Chat de atención al cliente', 'Customer service chat'),
    },
    {
      stage: 'research',
      lane: 'thoughts',
      text: t('¿Me quedará bien? ¿Cuánto cuesta el envío?', 'Will it fit? How much is shipping?'),
    },
    {
      stage: 'receive',
      lane: 'thoughts',
      text: t('¿Cuándo llega exactamente?', 'When exactly will it arrive?'),
    },
    { stage: 'discover', lane: 'emotions', emotion: 1, text: t('Curiosidad', 'Curious') },
    { stage: 'research', lane: 'emotions', emotion: 0, text: t('Dudas', 'Unsure') },
    {
      stage: 'buy',
      lane: 'emotions',
      emotion: -1,
      text: t('Impaciencia en el pago', 'Impatient at checkout'),
    },
    {
      stage: 'receive',
      lane: 'emotions',
      emotion: 2,
      text: t('Ilusión al abrir el paquete', 'Delighted opening the parcel'),
    },
    {
      stage: 'help',
      lane: 'emotions',
      emotion: -2,
      text: t('Frustración con la devolución', 'Frustrated by the return'),
    },
    { stage: 'again', lane: 'emotions', emotion: 1, text: t('Confianza', 'Confident') },
    {
      stage: 'buy',
      lane: 'pains',
      text: t('Hay que registrarse para poder pagar', 'An account is required to pay'),
      priority: { timeToFix: 2, costToFix: 2, customerImpact: 4, businessImpact: 5 },
    },
    {
      stage: 'help',
      lane: 'pains',
      text: t('La devolución exige imprimir una etiqueta', 'Returns require printing a label'),
      priority: { timeToFix: 3, costToFix: 3, customerImpact: 4, businessImpact: 3 },
    },
    {
      stage: 'buy',
      lane: 'mot',
      momentOfTruth: true,
      text: t('El pago sale bien a la primera', 'Payment works first time'),
    },
    {
      stage: 'receive',
      lane: 'mot',
      momentOfTruth: true,
      text: t('El paquete llega cuando se prometió', 'The parcel arrives when promised'),
    },
    {
      stage: 'buy',
      lane: 'ideas',
      text: t('Compra como invitado', 'Guest checkout'),
      priority: { timeToFix: 2, costToFix: 2, customerImpact: 4, businessImpact: 5 },
    },
    {
      stage: 'help',
      lane: 'ideas',
      text: t(
        'Devolución con código QR en un punto de recogida',
        'QR-code returns at a pick-up point',
      ),
      priority: { timeToFix: 3, costToFix: 3, customerImpact: 4, businessImpact: 3 },
    },
    {
      stage: 'discover',
      lane: 'depts',
      department: 'marketing',
      text: t('Marketing', 'Marketing'),
    },
    { stage: 'buy', lane: 'depts', department: 'digital', text: t('Digital', 'Digital') },
    {
      stage: 'receive',
      lane: 'depts',
      department: 'operations',
      text: t('Logística', 'Logistics'),
    },
    {
      stage: 'buy',
      lane: 'kpis',
      text: t('Tasa de conversión y abandono del carrito', 'Conversion and cart abandonment'),
    },
    {
      stage: 'help',
      lane: 'kpis',
      text: t('Resolución al primer contacto', 'First-contact resolution'),
    },
  ],
  personas: [
    {
      key: 'lucia',
      name: t('Lucía', 'Lucy'),
      role: t('Compra ropa por internet desde el móvil', 'Buys clothes online from her phone'),
      quote: t(
        'Si el pago se complica, lo dejo para otro día.',
        'If checkout gets complicated, I leave it for another day.',
      ),
      goals: [t('Comprar rápido y acertar con la talla', 'Buy quickly and get the size right')],
      needs: [
        t('Información clara de envío y devoluciones', 'Clear shipping and returns information'),
        t('Pagar sin crear una cuenta', 'Pay without creating an account'),
      ],
      pains: [t('Devoluciones engorrosas', 'Cumbersome returns')],
      jobs: [t('Renovar su ropa de temporada', 'Refresh her seasonal wardrobe')],
      channels: ['app', 'web', 'social', 'chat'],
      context: t(
        'Compra en ratos libres, casi siempre desde el móvil.',
        'Shops in spare moments, nearly always on her phone.',
      ),
    },
  ],
};

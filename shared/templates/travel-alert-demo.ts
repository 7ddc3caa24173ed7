import { t } from './builder.ts';
import type { TemplateDefinition } from './builder.ts';

/**
 * The demo map: Bob tells his bank he will use his debit card abroad (the seed article on
 * customer service vs customer experience). Digital channels: high friction; the branch:
 * fast and friendly. AS-IS, as the bank assumes it until customers validate it.
 */
export const TRAVEL_ALERT_DEMO: TemplateDefinition = {
  idPrefix: 'demo',
  title: t('Aviso de viaje de Bob (AS-IS)', "Bob's travel alert (AS-IS)"),
  state: 'as-is',
  stages: [
    { key: 'plan', name: t('Planificar el viaje', 'Plan the trip') },
    { key: 'web', name: t('Avisar al banco por la web', 'Tell the bank online') },
    { key: 'call', name: t('Llamar al centro de contacto', 'Call the contact centre') },
    { key: 'email', name: t('Enviar un correo', 'Send an email') },
    { key: 'branch', name: t('Ir a la sucursal', 'Go to the branch') },
    { key: 'travel', name: t('Viajar y pagar', 'Travel and pay') },
  ],
  lanes: [
    { key: 'actions', kind: 'actions', title: t('Lo que hace Bob', 'What Bob does') },
    { key: 'touchpoints', kind: 'touchpoints', title: t('Puntos de contacto', 'Touchpoints') },
    { key: 'channels', kind: 'channels', title: t('Canales', 'Channels') },
    { key: 'thoughts', kind: 'thoughts', title: t('Lo que piensa', 'What he thinks') },
    { key: 'emotions', kind: 'emotions', title: t('Cómo se siente', 'How he feels') },
    { key: 'pains', kind: 'pain-points', title: t('Puntos de dolor', 'Pain points') },
    { key: 'mot', kind: 'moments-of-truth', title: t('Momentos de la verdad', 'Moments of truth') },
    {
      key: 'front',
      kind: 'frontstage',
      title: t('Lo que hace el banco delante de Bob', 'What the bank does in front of Bob'),
    },
    { key: 'back', kind: 'backstage', title: t('Detrás de escena', 'Backstage') },
    { key: 'systems', kind: 'systems', title: t('Sistemas', 'Systems') },
    { key: 'depts', kind: 'departments', title: t('Departamentos', 'Departments') },
    { key: 'kpis', kind: 'kpis', title: t('Indicadores', 'KPIs') },
  ],
  cards: [
    // What Bob does
    {
      stage: 'plan',
      lane: 'actions',
      text: t(
        'Reserva el viaje y cae en la cuenta de que debe avisar al banco de que usará su tarjeta de débito fuera del país.',
        'Books the trip and realises he must tell his bank he will use his debit card abroad.',
      ),
    },
    {
      stage: 'web',
      lane: 'actions',
      text: t(
        'Entra en la web del banco y pasa 15 minutos intentando, sin éxito, añadir una alerta de viaje.',
        "Logs in to the bank's website and spends 15 minutes trying, and failing, to add a travel alert.",
      ),
    },
    {
      stage: 'call',
      lane: 'actions',
      text: t(
        'Busca un chat y no lo hay. Llama al banco: el centro de llamadas ya ha cerrado por hoy.',
        'Looks for a chat and there is none. Calls the bank: the call centre has closed for the day.',
      ),
    },
    {
      stage: 'email',
      lane: 'actions',
      text: t(
        'Envía un correo y recibe una respuesta automática: contestarán en 48 horas. Él sale en menos de 12.',
        'Sends an email and gets an auto-reply: an answer within 48 hours. He leaves in under 12.',
      ),
    },
    {
      stage: 'branch',
      lane: 'actions',
      text: t(
        'Al día siguiente, muy frustrado, va a su sucursal y le explica a Mary lo que necesita.',
        'The next day, very frustrated, he goes to his branch and tells Mary what he needs.',
      ),
    },
    {
      stage: 'travel',
      lane: 'actions',
      text: t(
        'Paga en el extranjero con su tarjeta de débito sin que se la bloqueen.',
        'Pays abroad with his debit card without it being blocked.',
      ),
    },
    // Touchpoints
    {
      stage: 'web',
      lane: 'touchpoints',
      text: t(
        'Portal de autoservicio: perfil y tarjetas',
        'Self-service portal: profile and cards',
      ),
    },
    {
      stage: 'call',
      lane: 'touchpoints',
      text: t(
        'Teléfono de atención al cliente, mensaje de fuera de horario',
        'Customer service line, out-of-hours message',
      ),
    },
    {
      stage: 'email',
      lane: 'touchpoints',
      text: t(
        'Buzón de atención al cliente y respuesta automática',
        'Customer service inbox and auto-reply',
      ),
    },
    {
      stage: 'branch',
      lane: 'touchpoints',
      text: t(
        'Mary, representante de atención al cliente en la sucursal',
        'Mary, customer service representative at the branch',
      ),
    },
    // Channels
    {
      stage: 'web',
      lane: 'channels',
      channel: 'web',
      text: t('Web del banco', "The bank's website"),
    },
    {
      stage: 'call',
      lane: 'channels',
      channel: 'phone',
      text: t('Centro de contacto', 'Contact centre'),
    },
    { stage: 'email', lane: 'channels', channel: 'email', text: t('Correo electrónico', 'Email') },
    {
      stage: 'branch',
      lane: 'channels',
      channel: 'branch',
      text: t('Sucursal de siempre', 'His usual branch'),
    },
    // Thoughts
    {
      stage: 'plan',
      lane: 'thoughts',
      text: t(
        '¿Y si me bloquean la tarjeta en mitad del viaje?',
        'What if my card gets blocked in the middle of the trip?',
      ),
    },
    {
      stage: 'web',
      lane: 'thoughts',
      text: t(
        '¿Dónde está la opción? Esto debería ser sencillo.',
        'Where is the option? This should be simple.',
      ),
    },
    {
      stage: 'email',
      lane: 'thoughts',
      text: t('¿48 horas? Para entonces ya estaré fuera.', '48 hours? I will be gone by then.'),
    },
    {
      stage: 'branch',
      lane: 'thoughts',
      text: t('Menos mal: en un minuto está hecho.', 'Thank goodness: done in a minute.'),
    },
    // Emotions
    {
      stage: 'plan',
      lane: 'emotions',
      emotion: 0,
      text: t('Tranquilo, con una tarea pendiente', 'Calm, with one task left'),
    },
    { stage: 'web', lane: 'emotions', emotion: -2, text: t('Frustrado', 'Frustrated') },
    {
      stage: 'call',
      lane: 'emotions',
      emotion: -2,
      text: t('Más frustrado: ni chat ni teléfono', 'More frustrated: no chat, no phone'),
    },
    {
      stage: 'email',
      lane: 'emotions',
      emotion: -2,
      text: t('Angustiado: no llegará a tiempo', 'Anxious: it will not arrive in time'),
    },
    {
      stage: 'branch',
      lane: 'emotions',
      emotion: 2,
      text: t('Aliviado y bien atendido', 'Relieved and well looked after'),
    },
    { stage: 'travel', lane: 'emotions', emotion: 1, text: t('Tranquilo', 'At ease') },
    // Pain points
    {
      stage: 'web',
      lane: 'pains',
      text: t(
        'La web no ofrece ninguna forma visible de añadir una alerta de viaje.',
        'The website offers no visible way to add a travel alert.',
      ),
      priority: { timeToFix: 2, costToFix: 2, customerImpact: 5, businessImpact: 4 },
    },
    {
      stage: 'call',
      lane: 'pains',
      text: t(
        'No hay chat y el centro de contacto no atiende fuera de horario.',
        'There is no chat and the contact centre is closed out of hours.',
      ),
      priority: { timeToFix: 4, costToFix: 4, customerImpact: 4, businessImpact: 3 },
    },
    {
      stage: 'email',
      lane: 'pains',
      text: t(
        'El correo promete respuesta en 48 horas, inútil para un viaje urgente.',
        'Email promises an answer in 48 hours, useless for an urgent trip.',
      ),
      priority: { timeToFix: 1, costToFix: 1, customerImpact: 4, businessImpact: 2 },
    },
    // Moments of truth
    {
      stage: 'web',
      lane: 'mot',
      momentOfTruth: true,
      text: t(
        'Primer intento digital: si falla, Bob deja de confiar en los canales digitales.',
        'First digital attempt: if it fails, Bob stops trusting digital channels.',
      ),
    },
    {
      stage: 'branch',
      lane: 'mot',
      momentOfTruth: true,
      text: t(
        'Mary resuelve en un minuto y salva la experiencia.',
        'Mary solves it in a minute and saves the experience.',
      ),
    },
    // Frontstage
    {
      stage: 'email',
      lane: 'front',
      text: t(
        'Respuesta automática genérica con un plazo de 48 horas.',
        'Generic auto-reply with a 48-hour deadline.',
      ),
    },
    {
      stage: 'branch',
      lane: 'front',
      text: t(
        'Mary anota el aviso de viaje en su cuenta, le desea buen viaje y le pregunta si necesita algo más.',
        'Mary records the travel notice on his account, wishes him a good trip and asks if he needs anything else.',
      ),
    },
    // Backstage
    {
      stage: 'web',
      lane: 'back',
      text: t(
        'El aviso de viaje solo se puede registrar desde el sistema de la sucursal; la web no lo expone.',
        'Travel notices can only be recorded from the branch system; the website does not expose them.',
      ),
    },
    {
      stage: 'email',
      lane: 'back',
      text: t(
        'Los correos entran en una cola común, sin priorizar por urgencia.',
        'Emails land in a shared queue, not prioritised by urgency.',
      ),
    },
    {
      stage: 'travel',
      lane: 'back',
      text: t(
        'Detección de fraude: cada pago en el extranjero se cruza con los avisos de viaje. Fricción intencionada: hay que diseñarla con cuidado, no eliminarla.',
        'Fraud detection checks each payment abroad against travel notices. Deliberate friction: design it with care, do not remove it.',
      ),
    },
    // Systems
    {
      stage: 'web',
      lane: 'systems',
      text: t('Banca online (portal de autoservicio)', 'Online banking (self-service portal)'),
    },
    {
      stage: 'branch',
      lane: 'systems',
      text: t('CRM de sucursal y motor antifraude', 'Branch CRM and fraud engine'),
    },
    // Departments
    {
      stage: 'web',
      lane: 'depts',
      department: 'digital',
      text: t('Digital y UX', 'Digital and UX'),
    },
    {
      stage: 'call',
      lane: 'depts',
      department: 'contact-centre',
      text: t('Centro de contacto', 'Contact centre'),
    },
    {
      stage: 'branch',
      lane: 'depts',
      department: 'branches',
      text: t('Operaciones de sucursal', 'Branch operations'),
    },
    {
      stage: 'travel',
      lane: 'depts',
      department: 'it',
      text: t('Tecnología y datos (antifraude)', 'Technology and data (fraud)'),
    },
    // KPIs
    {
      stage: 'web',
      lane: 'kpis',
      text: t(
        'Tasa de éxito de la tarea en la web y abandono',
        'Online task success rate and drop-off',
      ),
    },
    {
      stage: 'branch',
      lane: 'kpis',
      text: t(
        'Resolución al primer contacto; tiempo de atención: 1 minuto',
        'First-contact resolution; handling time: 1 minute',
      ),
    },
  ],
  personas: [
    {
      key: 'bob',
      name: t('Bob', 'Bob'),
      role: t(
        'Cliente del banco desde hace años; viaja por trabajo y por placer',
        'Long-standing bank customer who travels for work and leisure',
      ),
      quote: t(
        'Solo quiero avisar a mi banco de que me voy de viaje. ¿Tan difícil es?',
        'I just want to tell my bank I am travelling. How hard can it be?',
      ),
      goals: [
        t(
          'Usar su tarjeta de débito en el extranjero sin bloqueos',
          'Use his debit card abroad without blocks',
        ),
        t(
          'Dejar el aviso hecho antes de salir, en pocos minutos',
          'Get the notice done before leaving, in minutes',
        ),
      ],
      needs: [
        t(
          'Una forma digital y visible de avisar de un viaje',
          'A visible, digital way to give a travel notice',
        ),
        t(
          'Ayuda cuando la necesita, también fuera de horario',
          'Help when he needs it, also out of hours',
        ),
        t(
          'Confirmación de que el aviso ha quedado registrado',
          'Confirmation that the notice is on record',
        ),
      ],
      pains: [
        t('La web no tiene la opción que busca', 'The website lacks the option he needs'),
        t('No hay chat y el teléfono cierra pronto', 'No chat, and the phone line closes early'),
        t('Respuestas por correo en 48 horas', 'Email answers take 48 hours'),
      ],
      jobs: [
        t('Avisar al banco de un viaje', 'Tell the bank about a trip'),
        t('Pagar en el extranjero con tranquilidad', 'Pay abroad with peace of mind'),
      ],
      channels: ['web', 'app', 'phone', 'email', 'branch'],
      context: t(
        'Viaja mañana y sale en menos de 12 horas. Prefiere resolver sus gestiones por internet, pero confía en su sucursal cuando algo falla.',
        'He travels tomorrow and leaves in under 12 hours. He prefers to do things online, but trusts his branch when something fails.',
      ),
    },
  ],
};

import { t } from './builder.ts';
import type { TemplateDefinition } from './builder.ts';

/**
 * A generic service blueprint: the customer's steps on top, then what employees do in front of
 * the customer, the backstage processes behind the line of visibility, and the supporting
 * systems. Example cards show what goes in each lane; replace them with your service.
 */
export const SERVICE_BLUEPRINT: TemplateDefinition = {
  idPrefix: 'blueprint',
  title: t('Blueprint de servicio', 'Service blueprint'),
  state: 'as-is',
  stages: [
    { key: 'request', name: t('Solicitar el servicio', 'Request the service') },
    { key: 'arrive', name: t('Llegada y acogida', 'Arrival and welcome') },
    { key: 'deliver', name: t('Prestación del servicio', 'Service delivery') },
    { key: 'pay', name: t('Pago', 'Payment') },
    { key: 'follow', name: t('Seguimiento', 'Follow-up') },
  ],
  lanes: [
    {
      key: 'evidence',
      kind: 'touchpoints',
      title: t('Evidencias físicas y puntos de contacto', 'Physical evidence and touchpoints'),
    },
    { key: 'actions', kind: 'actions', title: t('Acciones del cliente', 'Customer actions') },
    {
      key: 'front',
      kind: 'frontstage',
      title: t('Acciones de cara al cliente', 'Frontstage actions'),
    },
    { key: 'back', kind: 'backstage', title: t('Acciones internas', 'Backstage actions') },
    {
      key: 'systems',
      kind: 'systems',
      title: t('Procesos y sistemas de soporte', 'Support processes and systems'),
    },
    { key: 'depts', kind: 'departments', title: t('Responsables', 'Owners') },
    { key: 'kpis', kind: 'kpis', title: t('Indicadores', 'KPIs') },
  ],
  cards: [
    {
      stage: 'request',
      lane: 'evidence',
      text: t('Formulario web de cita', 'Online booking form'),
    },
    {
      stage: 'arrive',
      lane: 'evidence',
      text: t('Recepción, señalización, sala de espera', 'Reception, signage, waiting area'),
    },
    { stage: 'pay', lane: 'evidence', text: t('Factura y recibo', 'Invoice and receipt') },
    {
      stage: 'follow',
      lane: 'evidence',
      text: t('Correo de encuesta de satisfacción', 'Satisfaction survey email'),
    },
    {
      stage: 'request',
      lane: 'actions',
      text: t('Pide cita por la web o por teléfono', 'Books online or by phone'),
    },
    { stage: 'arrive', lane: 'actions', text: t('Llega y se identifica', 'Arrives and checks in') },
    {
      stage: 'deliver',
      lane: 'actions',
      text: t(
        'Explica lo que necesita y recibe el servicio',
        'Explains the need and receives the service',
      ),
    },
    { stage: 'pay', lane: 'actions', text: t('Paga', 'Pays') },
    {
      stage: 'follow',
      lane: 'actions',
      text: t('Responde la encuesta o reclama', 'Answers the survey or complains'),
    },
    {
      stage: 'arrive',
      lane: 'front',
      text: t('El personal de recepción da la bienvenida', 'Front-desk staff welcome the customer'),
    },
    {
      stage: 'deliver',
      lane: 'front',
      text: t(
        'El especialista atiende y explica cada paso',
        'The specialist serves and explains each step',
      ),
    },
    {
      stage: 'request',
      lane: 'back',
      text: t(
        'Se confirma la cita y se asigna un especialista',
        'The booking is confirmed and a specialist assigned',
      ),
    },
    {
      stage: 'deliver',
      lane: 'back',
      text: t(
        'Se preparan materiales y se consulta el historial',
        'Materials prepared, history checked',
      ),
    },
    {
      stage: 'follow',
      lane: 'back',
      text: t(
        'Se analizan las respuestas y se cierran las incidencias',
        'Answers analysed, issues closed',
      ),
    },
    { stage: 'request', lane: 'systems', text: t('Agenda de citas', 'Booking system') },
    {
      stage: 'deliver',
      lane: 'systems',
      text: t('CRM con el historial del cliente', 'CRM with customer history'),
    },
    {
      stage: 'pay',
      lane: 'systems',
      text: t('Facturación y pasarela de pago', 'Billing and payment gateway'),
    },
    {
      stage: 'deliver',
      lane: 'depts',
      department: 'operations',
      text: t('Operaciones', 'Operations'),
    },
    { stage: 'pay', lane: 'depts', department: 'finance', text: t('Finanzas', 'Finance') },
    { stage: 'request', lane: 'kpis', text: t('Tiempo hasta la cita', 'Time to appointment') },
    { stage: 'follow', lane: 'kpis', text: t('CSAT y NPS', 'CSAT and NPS') },
  ],
  personas: [],
};

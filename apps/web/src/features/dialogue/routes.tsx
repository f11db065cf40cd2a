import { lazyPage, type Feature } from '../../app/feature';

const ConsultationsPage = lazyPage(() => import('./ConsultationsPage'), 'ConsultationsPage');
const NewConsultationPage = lazyPage(() => import('./NewConsultationPage'), 'NewConsultationPage');
const ConsultationPage = lazyPage(() => import('./ConsultationPage'), 'ConsultationPage');
const IssuesPage = lazyPage(() => import('./IssuesPage'), 'IssuesPage');
const PracticesPage = lazyPage(() => import('./PracticesPage'), 'PracticesPage');
const ConsultationsDueCard = lazyPage(() => import('./HomeCard'), 'ConsultationsDueCard');

export const dialogueFeature: Feature = {
  name: 'dialogue',
  routes: [
    { path: '/dialogue/consultations', element: <ConsultationsPage />, auth: {} },
    { path: '/dialogue/consultations/new', element: <NewConsultationPage />, auth: { right: 'consultations.open' } },
    { path: '/dialogue/consultations/:id', element: <ConsultationPage />, auth: {} },
    { path: '/dialogue/issues', element: <IssuesPage />, auth: {} },
    { path: '/dialogue/practices', element: <PracticesPage />, auth: {} },
  ],
  nav: [
    { to: '/dialogue/consultations', label: 'dialogue.nav.consultations', show: ({ can }) => can('consultations.open') || can('consultations.answer') },
    { to: '/dialogue/issues', label: 'dialogue.nav.issues', show: ({ can }) => can('issues.raise') || can('issues.answer') },
    { to: '/dialogue/practices', label: 'dialogue.nav.practices', show: () => true },
  ],
  home: [{ id: 'dialogue.consultations-due', show: ({ can }) => can('consultations.answer'), element: <ConsultationsDueCard /> }],
};

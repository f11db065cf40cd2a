// The web app's features, in the order of the navigation. A new capability is its folder
// (features/<capability>/routes.tsx exporting a Feature) and one line here.
import type { Feature } from '../app/feature';
import { homeFeature } from './home/routes';
import { territoriesFeature } from './territories/routes';
import { organisationsFeature } from './organisations/routes';
import { placementFeature } from './placement/routes';
import { pathwaysFeature } from './pathways/routes';
import { transitionFeature } from './transition/routes';
import { skillsFeature } from './skills/routes';
import { usersFeature } from './users/routes';
import { auditFeature } from './audit/routes';
import { receptionFeature } from './reception/routes';
import { dialogueFeature } from './dialogue/routes';
import { fundingFeature } from './funding/routes';
import { rolesFeature } from './roles/routes';
import { authFeature } from './auth/routes';

export const features: readonly Feature[] = [
  homeFeature,
  territoriesFeature,
  organisationsFeature,
  placementFeature,
  pathwaysFeature,
  transitionFeature,
  skillsFeature,
  usersFeature,
  auditFeature,
  receptionFeature,
  dialogueFeature,
  fundingFeature,
  rolesFeature,
  authFeature,
];

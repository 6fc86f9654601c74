export { deploymentRoutes } from './routes.ts';
export { DeploymentProfile } from './schemas.ts';
export { getDeploymentProfile, saveDeploymentProfile } from './service.ts';

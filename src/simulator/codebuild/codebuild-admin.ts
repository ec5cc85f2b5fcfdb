import type { CodeBuildService } from './codebuild-service';
import { CodeBuildError } from './codebuild-wire';
import { jsonResponse, type SimRequest, type SimResponse } from '../sim-http';

/** The CodeBuild admin endpoints, under the simulator's admin prefix. */
export const CODEBUILD_ADMIN_PREFIX = '/__simulator/codebuild/';

/**
 * POST projects (a CodeBuildProjectSeed; adds or replaces the project, answers `{ arn }`), GET projects, GET builds
 * (each build's id, status, whether its process has exited, and its output). A bad project is a 400 with `{ message }`.
 */
export function handleCodeBuildAdmin(service: CodeBuildService, request: SimRequest): SimResponse {
  const route = `${request.method.toUpperCase()} ${request.path.slice(CODEBUILD_ADMIN_PREFIX.length).replace(/\/+$/, '')}`;
  try {
    switch (route) {
      case 'POST projects': return jsonResponse(200, { arn: service.register(JSON.parse(request.body || 'null')).arn });
      case 'GET projects': return jsonResponse(200, service.listProjects());
      case 'GET builds': return jsonResponse(200, service.listBuilds());
      default: return jsonResponse(404, { message: `No simulator admin endpoint ${route} under codebuild/` });
    }
  } catch (error) {
    if (error instanceof CodeBuildError || error instanceof SyntaxError) return jsonResponse(400, { message: error.message });
    throw error;
  }
}

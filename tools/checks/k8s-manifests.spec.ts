/**
 * The Kubernetes manifests (docker/k8s) describe the same system as docker-compose.yml: every file
 * parses, the kustomization lists them all, the api's probes use the health routes that exist,
 * Redis never evicts, api and worker scale and have disruption budgets, the migration Job runs the
 * compose `migrate` command, images and environment variables are the compose ones (and real
 * configuration variables), the Secret is a template only, and the requests fit the 2-core box.
 * Parsed with js-yaml; no cluster is needed (`kubectl kustomize docker/k8s` renders them).
 */
import { CORE_SCHEMA, load, loadAll, mergeTag } from 'js-yaml';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

const root = path.resolve(__dirname, '../..');
const dir = path.join(root, 'docker/k8s');
const read = (file: string) => readFileSync(path.join(root, file), 'utf8');

/* eslint-disable @typescript-eslint/no-explicit-any -- Kubernetes objects, checked field by field */
type Manifest = { apiVersion: string; kind: string; metadata: { name: string; labels?: Record<string, string> }; spec?: any; data?: Record<string, string>; stringData?: Record<string, string> };

const files = readdirSync(dir).filter((f) => f.endsWith('.yaml'));
const documents = new Map<string, Manifest[]>(files.map((f) => [f, loadAll(readFileSync(path.join(dir, f), 'utf8')).filter(Boolean) as Manifest[]]));
const kustomization = documents.get('kustomization.yaml')?.[0] as unknown as { resources: string[]; namespace: string; images: { name: string; newTag: string }[] };
const applied = kustomization.resources.flatMap((f) => documents.get(f) ?? []);

function find(kind: string, name: string): Manifest {
  const found = applied.find((m) => m.kind === kind && m.metadata.name === name);
  if (!found) throw new Error(`no ${kind} ${name} in the kustomization's resources`);
  return found;
}
const podSpec = (m: Manifest) => m.spec.template.spec;
const container = (m: Manifest) => podSpec(m).containers[0];

const compose = load(read('docker-compose.yml'), { schema: CORE_SCHEMA.withTags(mergeTag) }) as {
  services: Record<string, { image?: string; command?: string[]; environment?: Record<string, string> }>;
};
const configMap = find('ConfigMap', 'baanrian-config');
const secretTemplate = (documents.get('secret.example.yaml') ?? [])[0];
/** Every variable libs/config reads (the env schema's properties). */
const configVariables = new Set([...read('libs/config/src/env.schema.ts').matchAll(/^ {2}(?:@\S+ )*([A-Z][A-Z0-9_]+)[?!]?:/gm)].map((m) => m[1]));

/** The variable names a container gets: its env, and every key of the ConfigMaps and Secrets it loads. */
function envNames(m: Manifest): string[] {
  const c = container(m);
  const fromRefs = (c.envFrom ?? []).flatMap((ref: any) => {
    if (ref.configMapRef) return Object.keys(find('ConfigMap', ref.configMapRef.name).data ?? {});
    if (ref.secretRef?.name === secretTemplate.metadata.name) return Object.keys(secretTemplate.stringData ?? {});
    throw new Error(`unknown envFrom ${JSON.stringify(ref)}`);
  });
  return [...new Set([...(c.env ?? []).map((e: { name: string }) => e.name), ...fromRefs])].sort();
}
/** The image without its tag (compose's tag is `${BAANRIAN_TAG:-local}`, colon included). */
function repository(image: string): string {
  const colon = image.indexOf(':', image.lastIndexOf('/'));
  return colon < 0 ? image : image.slice(0, colon);
}

describe('docker/k8s', () => {
  it('parses: every document has an apiVersion, a kind and a name, and the kustomization lists every manifest but the Secret template', () => {
    expect(files.length).toBeGreaterThanOrEqual(8);
    for (const [file, docs] of documents) {
      expect(docs.length).toBeGreaterThan(0);
      for (const doc of docs) {
        // A Kustomization is kustomize's own file, without a name.
        const named = doc.kind === 'Kustomization' ? 'string' : typeof doc.metadata?.name;
        expect([file, typeof doc.apiVersion, typeof doc.kind, named]).toEqual([file, 'string', 'string', 'string']);
      }
    }
    expect([...kustomization.resources].sort()).toEqual(files.filter((f) => !['kustomization.yaml', 'secret.example.yaml'].includes(f)).sort());
    expect(kustomization.namespace).toBe('baanrian');
  });

  it("probes the api's readiness on /api/v1/health/ready and liveness on /api/v1/health/live, routes the api has", () => {
    const api = find('Deployment', 'api');
    const c = container(api);
    expect(c.readinessProbe.httpGet).toEqual({ path: '/api/v1/health/ready', port: 'http' });
    expect(c.livenessProbe.httpGet).toEqual({ path: '/api/v1/health/live', port: 'http' });
    expect(c.startupProbe.httpGet.path).toBe('/api/v1/health/live');
    expect(c.ports).toEqual([{ name: 'http', containerPort: 3000 }]);
    expect(c.env).toEqual(expect.arrayContaining([{ name: 'PORT', value: '3000' }, { name: 'HOST', value: '0.0.0.0' }]));
    const controller = read('apps/api/src/system/health.controller.ts');
    expect(controller).toContain("@Controller('health')");
    expect(controller).toContain("@Get('ready')");
    expect(controller).toContain("@Get('live')");
  });

  it('runs Redis with an append-only file on a volume and maxmemory-policy noeviction, as compose does', () => {
    const redis = find('StatefulSet', 'redis');
    const args: string[] = container(redis).args;
    const flag = (name: string) => args[args.indexOf(name) + 1];
    expect(flag('--maxmemory-policy')).toBe('noeviction');
    expect(flag('--appendonly')).toBe('yes');
    expect(compose.services.redis.command).toEqual(expect.arrayContaining(['--maxmemory-policy', 'noeviction', '--appendonly', 'yes']));
    expect(container(redis).image).toBe(compose.services.redis.image);
    expect(redis.spec.volumeClaimTemplates[0].metadata.name).toBe(container(redis).volumeMounts[0].name);
    expect(new URL(configMap.data?.REDIS_URL ?? '').hostname).toBe(find('Service', 'redis').metadata.name);
  });

  it.each(['api', 'worker'])('lets the %s scale: several replicas, rolling without losing capacity, only shared (RWX) or pod-local volumes, a PodDisruptionBudget', (name) => {
    const deployment = find('Deployment', name);
    expect(deployment.spec.replicas).toBeGreaterThanOrEqual(2);
    expect(deployment.spec.strategy.rollingUpdate.maxUnavailable).toBe(0);
    for (const volume of podSpec(deployment).volumes ?? []) {
      if (volume.emptyDir) continue;
      const claim = find('PersistentVolumeClaim', volume.persistentVolumeClaim.claimName);
      expect(claim.spec.accessModes).toEqual(['ReadWriteMany']);
    }
    const pdb = find('PodDisruptionBudget', name);
    expect(pdb.spec.minAvailable).toBeGreaterThanOrEqual(1);
    expect(pdb.spec.minAvailable).toBeLessThan(deployment.spec.replicas);
    expect(deployment.spec.template.metadata.labels).toMatchObject(pdb.spec.selector.matchLabels);
    expect(deployment.spec.selector.matchLabels).toEqual(pdb.spec.selector.matchLabels);
  });

  it('gives the worker time to finish its jobs (it gives up after 25 s) and the api a Service on its pods', () => {
    expect(podSpec(find('Deployment', 'worker')).terminationGracePeriodSeconds).toBeGreaterThan(25);
    const service = find('Service', 'api');
    expect(find('Deployment', 'api').spec.template.metadata.labels).toMatchObject(service.spec.selector);
    expect(service.spec.ports[0].targetPort).toBe('http');
  });

  it("runs compose's migrate command from the api image in a Job", () => {
    const job = find('Job', 'baanrian-migrate');
    expect(container(job).command.join(' ')).toBe([compose.services.migrate.command ?? []].flat().join(' '));
    expect(container(job).command.join(' ')).toBe('node dist/apps/api/cli.js migrate');
    expect(container(job).image).toBe(container(find('Deployment', 'api')).image);
    expect(podSpec(job).restartPolicy).toBe('OnFailure');
  });

  it("uses compose's images, with compose's default tag", () => {
    for (const name of ['api', 'worker']) {
      const image = container(find('Deployment', name)).image;
      expect(image).toBe(repository(compose.services[name].image ?? ''));
      expect(kustomization.images).toContainEqual({ name: image, newTag: 'local' });
    }
    expect(compose.services.api.image).toBe('baanrian/api:${BAANRIAN_TAG:-local}');
  });

  it("gives api, worker and the Job every variable compose gives them, and only variables libs/config reads", () => {
    const pairs: [string, Manifest][] = [
      ['api', find('Deployment', 'api')],
      ['worker', find('Deployment', 'worker')],
      ['migrate', find('Job', 'baanrian-migrate')],
    ];
    for (const [service, manifest] of pairs) {
      const names = envNames(manifest);
      const composeNames = Object.keys(compose.services[service].environment ?? {});
      expect(composeNames.length).toBeGreaterThan(5);
      expect({ service, missing: composeNames.filter((n) => !names.includes(n)) }).toEqual({ service, missing: [] });
      expect({ service, unknown: names.filter((n) => !configVariables.has(n)) }).toEqual({ service, unknown: [] });
    }
    expect(configMap.data?.PUBLIC_URL).toMatch(/^https:\/\//);
  });

  it('ships the Secret as a template only: placeholders, nothing that would boot', () => {
    expect(secretTemplate.kind).toBe('Secret');
    for (const [key, value] of Object.entries(secretTemplate.stringData ?? {})) {
      expect({ key, placeholder: value === '' || value.includes('CHANGE-ME') }).toEqual({ key, placeholder: true });
    }
    expect(Object.keys(configMap.data ?? {}).filter((k) => /SECRET|KEY|PASSWORD|DATABASE_URL|SMTP_URL/.test(k))).toEqual([]);
  });

  it('sizes every container for the 2-core reference box, and runs none as root', () => {
    const workloads = applied.filter((m) => ['Deployment', 'StatefulSet', 'Job'].includes(m.kind));
    let cpuMillis = 0;
    for (const m of workloads) {
      const spec = podSpec(m);
      expect({ name: m.metadata.name, runAsNonRoot: spec.securityContext.runAsNonRoot, uid: typeof spec.securityContext.runAsUser }).toEqual({ name: m.metadata.name, runAsNonRoot: true, uid: 'number' });
      for (const c of spec.containers) {
        expect(c.resources.requests).toEqual({ cpu: expect.stringMatching(/^\d+m$/), memory: expect.stringMatching(/^\d+[MG]i$/) });
        expect(c.resources.limits.memory).toMatch(/^\d+[MG]i$/);
        expect(c.securityContext).toMatchObject({ allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } });
        if (m.kind !== 'Job') cpuMillis += parseInt(c.resources.requests.cpu, 10) * (m.spec.replicas ?? 1);
      }
    }
    // Room left on 2 cores for PostgreSQL and the node's own pods.
    expect(cpuMillis).toBeLessThanOrEqual(1200);
  });
});

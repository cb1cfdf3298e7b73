declare module 'virtual:second-look/rulepack' {
  import type { CompiledPack } from './engine/pack';
  const pack: CompiledPack;
  export default pack;
}

declare module 'virtual:second-look/sites' {
  import type { Site } from './sites/sites';
  const sites: Pick<Site, 'kind' | 'matches'>[];
  export default sites;
}

declare module 'virtual:second-look/rulepack' {
  import type { CompiledPack } from './engine/pack';
  const pack: CompiledPack;
  export default pack;
}

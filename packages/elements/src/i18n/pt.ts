/**
 * Portuguese (as written in Brazil, the most widely read; a page may register `pt-PT` over it):
 * the room's and the space's entries (the features' are in ./pt-features.ts), shaped like ./es.ts. Its own chunk of the script-tag
 * embed, loaded when an element first speaks Portuguese (see `loadStrings` in ./strings.ts).
 */
import type { RoomStrings } from './room-strings.js';
import type { SpaceStrings } from './space-strings.js';

/** A count and its noun, singular for exactly one. */
export const count = (n: number, one: string, other: string) => `${n} ${n === 1 ? one : other}`;

const room: RoomStrings = {
  yourName: 'Seu nome',
  join: 'Entrar',
  joining: 'Entrando…',
  leave: 'Sair',
  microphone: 'Microfone',
  camera: 'Câmera',
  screenShare: 'Compartilhar tela',
  devices: 'Dispositivos',
  speaker: 'Alto-falante',
  you: (name) => `${name} (você)`,
  participants: (n) => count(n, 'pessoa', 'pessoas'),
  stage: 'Pessoas na sala',
  controls: 'Controles da sala',
  previewOff: 'Sua câmera está desligada',
  microphoneLevel: 'Nível do microfone',
  accessCode: 'Código de acesso',
  accessCodeHint: 'Esta sala está trancada. Digite o código de acesso que você recebeu.',
  signIn: 'Fazer login',
  muted: (name) => `O microfone de ${name} está desligado`,
  connectionQuality: {
    excellent: 'Conexão excelente',
    good: 'Conexão boa',
    poor: 'Conexão fraca',
    lost: 'Conexão perdida',
    unknown: 'Qualidade da conexão desconhecida',
  },
  presenting: (name) => `${name} está compartilhando a tela`,
  spotlight: 'Em destaque',
  spotlightOn: (name) => `${name} está em destaque`,
  spotlightCleared: 'Destaque removido',
  page: (page, pages) => `Página ${page} de ${pages}`,
  previousPage: 'Página anterior de pessoas',
  nextPage: 'Próxima página de pessoas',
  startAudio: 'Ativar o som',
  audioBlocked: 'Seu navegador pausou o som desta sala.',
  connecting: 'Conectando à sala…',
  reconnecting: 'A conexão caiu. Reconectando… Você continua na sala.',
  tileConnection: {
    stalled: 'Conexão perdida — reconectando…',
    reconnecting: 'Reconectando ao serviço de vídeo…',
  },
  inRoom: 'Você está na sala.',
  rejoin: 'Entrar de novo',
  tryAgain: 'Tentar de novo',
  backToPrejoin: 'Voltar',
  leftBecause: {
    left: 'Você saiu da sala.',
    removed: 'Um moderador tirou você da sala.',
    'room-closed': 'A sala foi fechada.',
    'connection-lost': 'A conexão com a sala foi perdida. Verifique sua rede e entre de novo.',
    duplicate: 'Você entrou nesta sala por outra aba ou outro dispositivo, por isso esta foi desconectada.',
  },
  errors: {
    invalid_request: 'Não foi possível abrir a sala: a página a pediu de um jeito que o servidor não aceita.',
    access_code_required: 'Esta sala está trancada. Digite o código de acesso dela.',
    access_code_invalid: 'Esse código de acesso não está certo. Confira e tente de novo.',
    members_only: 'Esta sala é só para membros.',
    space_not_found:
      'Este espaço não existe no servidor do Convene. A página pode ter um link para um endereço antigo.',
    room_not_found: 'Esta sala não existe. A página pode ter um link para um endereço antigo.',
    participant_not_found: 'Essa pessoa não está na sala.',
    not_found: 'O servidor do Convene não conhece este endereço.',
    room_full: 'A sala está cheia. Tente de novo quando alguém sair.',
    payload_too_large: 'A solicitação era grande demais para o servidor.',
    unsupported_media_type: 'O servidor não entendeu a solicitação.',
    rate_limited: 'Tentativas demais. Espere um pouco e tente de novo.',
    forbidden: 'Você não tem permissão para fazer isso aqui.',
    unauthorized: 'Você precisa fazer login para isso.',
    origin_not_allowed:
      'Este site não tem permissão para abrir salas neste servidor do Convene. Avise quem administra o site.',
    livekit_unavailable: 'O serviço de vídeo não está disponível agora. Tente de novo daqui a pouco.',
    internal_error: 'O servidor do Convene teve um problema. Tente de novo daqui a pouco.',
    pass_invalid: 'Não foi possível verificar seu login. Faça login de novo no site e tente outra vez.',
    pass_unknown_key:
      'Seu login foi assinado com uma chave que este servidor do Convene não conhece. Faça login de novo no site; se continuar acontecendo, avise os organizadores.',
    pass_expired: 'Seu login expirou. Tente de novo ou faça login outra vez no site.',
    pass_not_yet_valid:
      'Seu login ainda não é válido: o relógio do site está adiantado em relação ao do servidor. Espere um minuto e tente de novo.',
    pass_too_long:
      'Seu login vale por mais tempo do que este servidor do Convene aceita. Avise os organizadores do site.',
    pass_wrong_space: 'Seu login é para outro espaço. Faça login de novo no site e tente outra vez.',
    pass_not_accepted: 'Este espaço não aceita logins de outros sites. Avise os organizadores do site.',
    pass_keys_unavailable: 'Não dá para verificar seu login agora. Tente de novo daqui a pouco.',
    knock_required: 'Um moderador trancou esta sala. Peça para entrar, e alguém lá dentro vai deixar você entrar.',
    knock_not_needed: 'Você pode entrar direto: nesta sala não é preciso pedir.',
    knock_not_found: 'Esse pedido para entrar terminou. Peça de novo se ainda quiser entrar.',
    knock_not_admitted: 'Ninguém deixou você entrar ainda. Espere uma resposta ou peça de novo.',
    invite_invalid: 'Este link de convite expirou ou foi retirado. Peça um novo a quem o enviou.',
    kept_out:
      'Um moderador tirou você desta sala. Você pode voltar quando esta reunião terminar ou se um moderador deixar você entrar de novo.',
    store_unavailable:
      'O servidor do Convene não consegue verificar agora quem pode entrar. Tente de novo daqui a pouco.',
    pass_unavailable:
      'Não foi possível verificar seu login com o site. Verifique sua conexão e tente de novo; se continuar acontecendo, avise os organizadores do site.',
    network: 'Não foi possível acessar o servidor do Convene. Verifique sua conexão e tente de novo.',
    bad_response: 'O servidor do Convene deu uma resposta que não pôde ser lida. Tente de novo daqui a pouco.',
    livekit_unreachable: 'Não foi possível conectar ao serviço de vídeo. Verifique sua conexão e tente de novo.',
    unknown_furniture: 'Esta sala tem um móvel que esta página não consegue mostrar.',
    duplicate_furniture: 'Esta sala tem o mesmo móvel duas vezes; só o primeiro é mostrado.',
    e2ee_key_required:
      'Esta sala é cifrada de ponta a ponta: escreve a sua frase-passe ou abre a ligação de convite que traz a chave.',
    e2ee_unsupported:
      'Este navegador não consegue entrar em salas cifradas. Usa um Chrome, Edge, Firefox ou Safari recente.',
  },
  retryIn: (seconds) => `Você pode tentar de novo em ${count(seconds, 'segundo', 'segundos')}.`,
  cameraProblem: {
    denied: 'Seu navegador bloqueia a câmera neste site. Permita nas configurações do site ou entre sem ela.',
    missing: 'Nenhuma câmera foi encontrada. Você pode entrar sem ela.',
    'in-use': 'Outro aplicativo está usando sua câmera. Feche-o ou entre sem ela.',
    other: 'Não foi possível ligar a câmera. Você pode entrar sem ela.',
  },
  microphoneProblem: {
    denied: 'Seu navegador bloqueia o microfone neste site. Permita nas configurações do site ou entre sem ele.',
    missing: 'Nenhum microfone foi encontrado. Você pode entrar sem ele.',
    'in-use': 'Outro aplicativo está usando seu microfone. Feche-o ou entre sem ele.',
    other: 'Não foi possível ligar o microfone. Você pode entrar sem ele.',
  },
  screenShareFailed: 'Não foi possível compartilhar sua tela.',
  muteParticipant: (name) => `Desativar o microfone de ${name}`,
  removeParticipant: (name) => `Remover ${name} da sala`,
  confirmRemove: (name) => `Remover ${name}? Pressione de novo para confirmar`,
  moderationFailed: 'Não deu certo. Tente de novo.',
  joined: (name) => `${name} entrou`,
  departed: (name) => `${name} saiu`,
  nameRequired: 'Digite seu nome para entrar.',
  missingAttributes: (names) => `Esta sala não pode abrir: a página não informou ${names}.`,
};

const space: SpaceStrings = {
  rooms: 'Salas',
  loading: 'Carregando as salas…',
  enter: (room) => `Entrar em ${room}`,
  backToRooms: 'Voltar às salas',
  peopleIn: (n) => (n === 0 ? 'Ninguém aqui ainda' : `${count(n, 'pessoa', 'pessoas')} na sala`),
  placesLeft: (left, capacity) => (left === 1 ? `Resta 1 vaga de ${capacity}` : `Restam ${left} vagas de ${capacity}`),
  roomFull: 'Lotada',
  accessPublic: 'Aberta a todos',
  accessLocked: 'Trancada: precisa de código de acesso',
  accessMembers: 'Só para membros',
  lockedByModerator: 'Trancada por um moderador',
  stageCounts: (speaking, watching) => `${speaking} a falar · ${watching} a assistir`,
  entrance: 'Entrada',
  presenceStale: 'Reconectando… quem está em cada sala pode estar desatualizado.',
  presenceUnavailable: 'Não dá para mostrar agora quem está em cada sala.',
  emptySpace: 'Este espaço ainda não tem salas em que você possa entrar.',
  spaceNotFound: (space) =>
    `Não existe nenhum espaço chamado “${space}” neste servidor. Confira o atributo space da página.`,
  serverUnreachable: 'Não foi possível acessar o servidor do Convene. Verifique sua conexão; continuamos tentando.',
  serverError: (message) => `O servidor do Convene recusou: ${message}`,
  andMore: (n) => `e mais ${n}`,
};

export const pt: RoomStrings & SpaceStrings = { ...room, ...space };

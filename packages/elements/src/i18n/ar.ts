/**
 * Arabic (Modern Standard): the room's and the space's entries (the features' are in ./ar-features.ts), shaped like ./es.ts. Its
 * own chunk of the script-tag embed, loaded when an element first speaks Arabic (see `loadStrings`
 * in ./strings.ts); elements speaking it lay out right to left (`LocalizeController` gives them
 * `dir="rtl"` unless the page set a `dir`). Counts take the form Arabic grammar asks for
 * (`Intl.PluralRules`: zero, one, two, few 3–10, many 11–99, other 100…); names and other text
 * from outside sit in Unicode isolates, so a Latin name with punctuation does not scramble the line.
 * Digits stay Western, as the elements show counts elsewhere (unread badges) in them.
 */
import type { RoomStrings } from './room-strings.js';
import type { SpaceStrings } from './space-strings.js';

const rules = new Intl.PluralRules('ar');
/** The form of `forms` a count takes, `#` standing for the number. */
export const count = (n: number, forms: Record<Intl.LDMLPluralRule, string>) =>
  forms[rules.select(n)].replace('#', String(n));
/** Text from outside (a name, a host), isolated from the Arabic around it. */
export const x = (text: string) => `\u2068${text}\u2069`;

const people = (n: number) =>
  count(n, { zero: 'لا أحد', one: 'شخص واحد', two: 'شخصان', few: '# أشخاص', many: '# شخصًا', other: '# شخص' });
/** Seconds after a preposition (بعد): the dual in the genitive. */
export const seconds = (n: number) =>
  count(n, { zero: '0 ثانية', one: 'ثانية واحدة', two: 'ثانيتين', few: '# ثوانٍ', many: '# ثانية', other: '# ثانية' });

const room: RoomStrings = {
  yourName: 'اسمك',
  join: 'انضمام',
  joining: 'جارٍ الانضمام…',
  leave: 'مغادرة',
  microphone: 'الميكروفون',
  camera: 'الكاميرا',
  screenShare: 'مشاركة الشاشة',
  devices: 'الأجهزة',
  speaker: 'مكبّر الصوت',
  you: (name) => `${x(name)} (أنت)`,
  participants: people,
  stage: 'الأشخاص في الغرفة',
  controls: 'عناصر التحكم في الغرفة',
  previewOff: 'كاميرتك متوقفة',
  microphoneLevel: 'مستوى الميكروفون',
  accessCode: 'رمز الدخول',
  accessCodeHint: 'هذه الغرفة مقفلة. أدخل رمز الدخول الذي أُعطي لك.',
  signIn: 'تسجيل الدخول',
  muted: (name) => `ميكروفون ${x(name)} مغلق`,
  connectionQuality: {
    excellent: 'اتصال ممتاز',
    good: 'اتصال جيد',
    poor: 'اتصال ضعيف',
    lost: 'انقطع الاتصال',
    unknown: 'جودة الاتصال غير معروفة',
  },
  presenting: (name) => `مشاركة شاشة ${x(name)}`,
  spotlight: 'تحت الضوء',
  spotlightOn: (name) => `${x(name)} تحت الضوء`,
  spotlightCleared: 'أُلغي تسليط الضوء',
  page: (page, pages) => `الصفحة ${page} من ${pages}`,
  previousPage: 'الصفحة السابقة من الأشخاص',
  nextPage: 'الصفحة التالية من الأشخاص',
  startAudio: 'تشغيل الصوت',
  audioBlocked: 'أوقف متصفحك صوت هذه الغرفة مؤقتًا.',
  connecting: 'جارٍ الاتصال بالغرفة…',
  reconnecting: 'انقطع الاتصال. جارٍ إعادة الاتصال… ما زلت في الغرفة.',
  tileConnection: {
    stalled: 'انقطع الاتصال — جارٍ إعادة الاتصال…',
    reconnecting: 'جارٍ إعادة الاتصال بخدمة الفيديو…',
  },
  inRoom: 'أنت في الغرفة.',
  rejoin: 'الانضمام مجددًا',
  tryAgain: 'إعادة المحاولة',
  backToPrejoin: 'رجوع',
  leftBecause: {
    left: 'غادرت الغرفة.',
    removed: 'أخرجك أحد المشرفين من الغرفة.',
    'room-closed': 'أُغلقت الغرفة.',
    'connection-lost': 'انقطع الاتصال بالغرفة. تحقق من الشبكة ثم انضم مجددًا.',
    duplicate: 'انضممت إلى هذه الغرفة من علامة تبويب أو جهاز آخر، لذا قُطع الاتصال هنا.',
  },
  errors: {
    invalid_request: 'تعذّر فتح الغرفة: طلبتها الصفحة بطريقة لا يقبلها الخادم.',
    access_code_required: 'هذه الغرفة مقفلة. أدخل رمز الدخول الخاص بها.',
    access_code_invalid: 'رمز الدخول هذا غير صحيح. تحقق منه ثم حاول مجددًا.',
    members_only: 'هذه الغرفة للأعضاء فقط.',
    space_not_found: 'هذه المساحة غير موجودة على خادم Convene. ربما تشير الصفحة إلى عنوان قديم.',
    room_not_found: 'هذه الغرفة غير موجودة. ربما تشير الصفحة إلى عنوان قديم.',
    participant_not_found: 'هذا الشخص ليس في الغرفة.',
    not_found: 'لا يعرف خادم Convene هذا العنوان.',
    room_full: 'الغرفة ممتلئة. حاول مجددًا عندما يغادرها أحد.',
    payload_too_large: 'كان الطلب أكبر مما يقبله الخادم.',
    unsupported_media_type: 'لم يفهم الخادم الطلب.',
    rate_limited: 'محاولات كثيرة جدًا. انتظر قليلًا ثم حاول مجددًا.',
    forbidden: 'غير مسموح لك بفعل ذلك هنا.',
    unauthorized: 'عليك تسجيل الدخول لفعل ذلك.',
    origin_not_allowed: 'هذا الموقع غير مسموح له بفتح غرف على خادم Convene هذا. أبلغ صاحب الموقع.',
    livekit_unavailable: 'خدمة الفيديو غير متاحة الآن. حاول مجددًا بعد قليل.',
    internal_error: 'واجه خادم Convene مشكلة. حاول مجددًا بعد قليل.',
    pass_invalid: 'تعذّر التحقق من تسجيل دخولك. سجّل الدخول مجددًا على الموقع ثم حاول مرة أخرى.',
    pass_unknown_key:
      'تسجيل دخولك موقَّع بمفتاح لا يعرفه خادم Convene هذا. سجّل الدخول مجددًا على الموقع، وإذا تكرر ذلك فأبلغ منظّميه.',
    pass_expired: 'انتهت صلاحية تسجيل دخولك. حاول مجددًا، أو سجّل الدخول مرة أخرى على الموقع.',
    pass_not_yet_valid: 'تسجيل دخولك غير صالح بعد: ساعة الموقع متقدمة على ساعة الخادم. انتظر دقيقة ثم حاول مجددًا.',
    pass_too_long: 'مدة صلاحية تسجيل دخولك أطول مما يقبله خادم Convene هذا. أبلغ منظّمي الموقع.',
    pass_wrong_space: 'تسجيل دخولك خاص بمساحة أخرى. سجّل الدخول مجددًا على الموقع ثم حاول مرة أخرى.',
    pass_not_accepted: 'هذه المساحة لا تقبل تسجيلات الدخول من مواقع أخرى. أبلغ منظّمي الموقع.',
    pass_keys_unavailable: 'لا يمكن التحقق من تسجيل دخولك الآن. حاول مجددًا بعد قليل.',
    knock_required: 'أقفل أحد المشرفين هذه الغرفة. اطلب الدخول وسيسمح لك أحد الموجودين فيها بالدخول.',
    knock_not_needed: 'يمكنك الدخول مباشرة: لا تحتاج هذه الغرفة إلى طلب.',
    knock_not_found: 'انتهى طلب الدخول هذا. اطلب مجددًا إن كنت لا تزال تريد الدخول.',
    knock_not_admitted: 'لم يسمح لك أحد بالدخول بعد. انتظر الرد، أو اطلب مجددًا.',
    invite_invalid: 'انتهت صلاحية رابط الدعوة هذا أو سُحب. اطلب رابطًا جديدًا ممن أرسله إليك.',
    kept_out:
      'أخرجك أحد المشرفين من هذه الغرفة. يمكنك العودة عند انتهاء هذا الاجتماع، أو إذا سمح لك أحد المشرفين بالدخول مجددًا.',
    store_unavailable: 'لا يستطيع خادم Convene الآن التحقق ممن يُسمح له بالدخول. حاول مجددًا بعد قليل.',
    pass_unavailable:
      'تعذّر التحقق من تسجيل دخولك لدى الموقع. تحقق من اتصالك ثم حاول مجددًا، وإذا تكرر ذلك فأبلغ منظّمي الموقع.',
    network: 'تعذّر الوصول إلى خادم Convene. تحقق من اتصالك ثم حاول مجددًا.',
    bad_response: 'أرسل خادم Convene ردًّا تعذّرت قراءته. حاول مجددًا بعد قليل.',
    livekit_unreachable: 'تعذّر الاتصال بخدمة الفيديو. تحقق من اتصالك ثم حاول مجددًا.',
    unknown_furniture: 'في هذه الغرفة أثاث لا تستطيع هذه الصفحة عرضه.',
    duplicate_furniture: 'في هذه الغرفة قطعة الأثاث نفسها مرتين، ولا تُعرض إلا الأولى.',
    e2ee_key_required: 'هذه الغرفة مشفّرة من طرف إلى طرف: اكتب عبارة مرورها، أو افتح رابط الدعوة الذي يحمل مفتاحها.',
    e2ee_unsupported:
      'لا يستطيع هذا المتصفح دخول الغرف المشفّرة. استخدم إصدارًا حديثًا من Chrome أو Edge أو Firefox أو Safari.',
  },
  retryIn: (n) => `يمكنك المحاولة مجددًا بعد ${seconds(n)}.`,
  cameraProblem: {
    denied: 'يحظر متصفحك الكاميرا على هذا الموقع. اسمح بها من إعدادات الموقع، أو انضم بدونها.',
    missing: 'لم يُعثر على أي كاميرا. يمكنك الانضمام بدونها.',
    'in-use': 'يستخدم تطبيق آخر الكاميرا. أغلقه، أو انضم بدونها.',
    other: 'تعذّر تشغيل الكاميرا. يمكنك الانضمام بدونها.',
  },
  microphoneProblem: {
    denied: 'يحظر متصفحك الميكروفون على هذا الموقع. اسمح به من إعدادات الموقع، أو انضم بدونه.',
    missing: 'لم يُعثر على أي ميكروفون. يمكنك الانضمام بدونه.',
    'in-use': 'يستخدم تطبيق آخر الميكروفون. أغلقه، أو انضم بدونه.',
    other: 'تعذّر تشغيل الميكروفون. يمكنك الانضمام بدونه.',
  },
  screenShareFailed: 'تعذّرت مشاركة شاشتك.',
  muteParticipant: (name) => `كتم ميكروفون ${x(name)}`,
  removeParticipant: (name) => `إخراج ${x(name)} من الغرفة`,
  confirmRemove: (name) => `إخراج ${x(name)}؟ اضغط مرة أخرى للتأكيد`,
  moderationFailed: 'لم ينجح ذلك. حاول مجددًا.',
  joined: (name) => `${x(name)} في الغرفة الآن`,
  departed: (name) => `${x(name)} خارج الغرفة الآن`,
  nameRequired: 'أدخل اسمك للانضمام.',
  missingAttributes: (names) => `لا يمكن فتح هذه الغرفة: لم تحدد الصفحة ${x(names)}.`,
};

const space: SpaceStrings = {
  rooms: 'الغرف',
  loading: 'جارٍ تحميل الغرف…',
  enter: (room) => `الدخول إلى ${x(room)}`,
  backToRooms: 'العودة إلى الغرف',
  peopleIn: (n) =>
    count(n, {
      zero: 'لا أحد هنا بعد',
      one: 'شخص واحد في الداخل',
      two: 'شخصان في الداخل',
      few: '# أشخاص في الداخل',
      many: '# شخصًا في الداخل',
      other: '# شخص في الداخل',
    }),
  placesLeft: (left, capacity) =>
    `${count(left, {
      zero: 'لا أماكن شاغرة',
      one: 'مكان واحد شاغر',
      two: 'مكانان شاغران',
      few: '# أماكن شاغرة',
      many: '# مكانًا شاغرًا',
      other: '# مكان شاغر',
    })} من ${capacity}`,
  roomFull: 'ممتلئة',
  accessPublic: 'مفتوحة للجميع',
  accessLocked: 'مقفلة: تحتاج إلى رمز دخول',
  accessMembers: 'للأعضاء فقط',
  lockedByModerator: 'أقفلها أحد المشرفين',
  stageCounts: (speaking, watching) => `${speaking} يتكلّمون · ${watching} يشاهدون`,
  entrance: 'المدخل',
  presenceStale: 'جارٍ إعادة الاتصال… قد لا تكون معلومات من في كل غرفة محدّثة.',
  presenceUnavailable: 'لا يمكن عرض من في كل غرفة الآن.',
  emptySpace: 'لا توجد في هذه المساحة غرف يمكنك دخولها بعد.',
  spaceNotFound: (space) => `لا توجد مساحة باسم «${x(space)}» على هذا الخادم. تحقق من السمة space في الصفحة.`,
  serverUnreachable: 'تعذّر الوصول إلى خادم Convene. تحقق من اتصالك؛ سنواصل المحاولة.',
  serverError: (message) => `رفض خادم Convene الطلب: ${x(message)}`,
  andMore: (n) => `و${n} غيرهم`,
};

export const ar: RoomStrings & SpaceStrings = { ...room, ...space };

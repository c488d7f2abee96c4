import { defineFeature } from '../../framework/feature.js';
import { runCommandAction } from './action.js';
import { onBotAdded, onMenu, onP2pEntered } from './events.js';

/** The welcome card (bot added to a group, direct chat opened), its quick-start buttons, and the bot menu. */
export const welcomeFeature = defineFeature({
  name: 'welcome',
  commands: [],
  actions: [runCommandAction],
  events: {
    'im.chat.member.bot.added_v1': onBotAdded,
    'im.chat.access_event.bot_p2p_chat_entered_v1': onP2pEntered,
    'application.bot.menu_v6': onMenu,
  },
});

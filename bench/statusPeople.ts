/** The people of a status benchmark: the same ids in the bot's process and in the emulator's. */
export const benchPeople = (people: number): string[] => Array.from({ length: people }, (_, i) => `ou_bench${String(i).padStart(24, '0')}`);

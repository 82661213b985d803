/**
 * Atari ROMs: where they live ({@link sparsedrl.agent.roms.RomDirectory}), which ones we accept
 * ({@link sparsedrl.agent.roms.KnownRoms}, an MD5 table shipped in the jar), the check every ROM
 * passes before the emulator may load it ({@link sparsedrl.agent.roms.RomValidator}), and the
 * installer behind {@code sparsedrl roms install} and {@code scripts/install-roms.sh}, which takes
 * them from the ale-py wheel that {@code pip download --no-deps ale-py==0.12.1} fetches.
 */
package sparsedrl.agent.roms;

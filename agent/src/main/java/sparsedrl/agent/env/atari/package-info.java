/**
 * Atari 2600 games through the Arcade Learning Environment 0.7.3 (JavaCPP presets
 * {@code org.bytedeco:ale:0.7.3-1.5.7}) with Dopamine's preprocessing, SPEC section 3.
 *
 * <p>Native libraries: the build ships only the {@code linux-x86_64} classifier jars of
 * {@code ale} and {@code javacpp}. On another platform, change that classifier in
 * {@code agent/pom.xml} to the platform's (the JavaCPP names: {@code macosx-x86_64},
 * {@code windows-x86_64}, ...; JavaCPP loads whichever one is on the class path), or depend on
 * {@code org.bytedeco:ale-platform:0.7.3-1.5.7} and pick with {@code -Djavacpp.platform=<os-arch>}.
 * Everything else here is plain Java; only {@link sparsedrl.agent.env.atari.AleEmulator} and
 * {@link sparsedrl.agent.env.atari.AleLogging} touch native code, and only after
 * {@link sparsedrl.agent.roms.RomValidator} has accepted the ROM.
 *
 * <p>Seeding: {@code reset(seed)} derives ALE's {@code random_seed} (31 bits of a SplitMix64
 * scramble of the seed) and reloads the ROM, as ALE reads the seed only when a ROM is loaded; the
 * same seed and actions give the same observations and rewards. Instances are independent and may
 * run in parallel threads (one thread per instance).
 */
package sparsedrl.agent.env.atari;

package sparsedrl.tasks.backend.tornado;

import java.nio.file.Path;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The TornadoVM SDK a test runs on, and what happens without one. Where no SDK exists at all (a
 * user's fresh clone) a TornadoVM test is skipped with the reason printed. Where the environment
 * promises one, with {@value #REQUIRE_VARIABLE}=1 (set by {@code .ci/run}, which installs PoCL and
 * the SDK), a missing or unusable SDK fails the test instead: CI never passes by skipping TornadoVM.
 */
final class TornadoTestSdk {

    /** Set to 1 where an SDK is provided and TornadoVM tests must run. */
    static final String REQUIRE_VARIABLE = "SPARSEDRL_REQUIRE_TORNADO";

    private TornadoTestSdk() {
    }

    /** The SDK of {@code TORNADOVM_HOME}; skips or fails the calling test when there is none (see class). */
    static Path sdkOrSkip() {
        return choose(TornadoDevices.sdkHome(), System.getenv(REQUIRE_VARIABLE), System.getenv("TORNADOVM_HOME"));
    }

    /** The decision of {@link #sdkOrSkip}, from the found SDK (or null), the variable and TORNADOVM_HOME. */
    static Path choose(Path sdk, String require, String tornadovmHome) {
        boolean required = "1".equals(require);
        if (sdk != null) {
            return sdk;
        }
        String reason = "no TornadoVM SDK (TORNADOVM_HOME=" + (tornadovmHome == null ? "unset" : tornadovmHome)
                + ", needs bin/tornado)";
        if (required) {
            Assertions.fail(REQUIRE_VARIABLE + "=1 promises a TornadoVM SDK, but there is " + reason);
        }
        System.out.println("[SKIPPED] " + reason + ": TornadoVM not checked");
        Assumptions.abort(reason);
        return null;
    }
}

package sparsedrl.tasks.backend.tornado;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/** When a TornadoVM test runs, skips or fails ({@link TornadoTestSdk}). */
class TornadoTestSdkTest {

    @Test
    void anSdkIsUsedWhetherRequiredOrNot() {
        Path sdk = Path.of("/opt/tornadovm-sdk");
        assertEquals(sdk, TornadoTestSdk.choose(sdk, null, sdk.toString()));
        assertEquals(sdk, TornadoTestSdk.choose(sdk, "1", sdk.toString()));
    }

    @Test
    void withoutAnSdkTheTestSkipsUnlessOneIsRequired() {
        assertThrows(TestAbortedException.class, () -> TornadoTestSdk.choose(null, null, null));
        assertThrows(TestAbortedException.class, () -> TornadoTestSdk.choose(null, "0", "/nowhere"));
        AssertionFailedError e = assertThrows(AssertionFailedError.class,
                () -> TornadoTestSdk.choose(null, "1", "/nowhere"));
        assertTrue(e.getMessage().contains("TORNADOVM_HOME=/nowhere"), e.getMessage());
        assertTrue(e.getMessage().contains(TornadoTestSdk.REQUIRE_VARIABLE), e.getMessage());
    }
}

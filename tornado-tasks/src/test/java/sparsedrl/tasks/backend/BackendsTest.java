package sparsedrl.tasks.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BackendsTest {

    @Test
    void createsTheJvmBackend() {
        try (Backend b = Backends.create("jvm", 2)) {
            assertEquals("jvm", b.name());
            assertTrue(b.device().contains("2 threads"), b.device());
        }
    }

    @Test
    void rejectsUnknownNamesAndBadThreadCounts() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Backends.create("cuda", 1));
        assertTrue(e.getMessage().contains("jvm"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Backends.create("jvm", 0));
        assertThrows(IllegalArgumentException.class, () -> Backends.create("jvm", 1, "0:0"));
    }

    @Test
    void tornadoFailsWithAClearMessageWhenItCannotStart() {
        boolean present;
        try {
            Class.forName(Backends.TORNADO_CLASS);
            present = true;
        } catch (ClassNotFoundException e) {
            present = false;
        }
        if (!present) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> Backends.create("tornado", 1));
            assertTrue(e.getMessage().contains("tornado"), e.getMessage());
        }
    }
}

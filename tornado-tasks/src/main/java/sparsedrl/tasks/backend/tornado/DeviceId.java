package sparsedrl.tasks.backend.tornado;

/**
 * A TornadoVM device as {@code --device DRIVER:DEVICE} names it: the driver (backend) index and
 * the device index within that driver, as {@code tornado --devices} lists them.
 */
public record DeviceId(int driver, int device) {

    /** TornadoVM's default device. */
    public static final DeviceId DEFAULT = new DeviceId(0, 0);

    public DeviceId {
        if (driver < 0 || device < 0) {
            throw new IllegalArgumentException("device indices must be >= 0, got " + driver + ":" + device);
        }
    }

    /**
     * Parses "DRIVER:DEVICE" (e.g. "0:0"); null or blank means {@link #DEFAULT}.
     *
     * @throws IllegalArgumentException with a message for the user when the text is not of that form
     */
    public static DeviceId parse(String text) {
        if (text == null || text.isBlank()) {
            return DEFAULT;
        }
        String[] parts = text.strip().split(":", -1);
        if (parts.length != 2) {
            throw new IllegalArgumentException("--device must be DRIVER:DEVICE (e.g. 0:0, see 'sparsedrl devices'), got '" + text + "'");
        }
        try {
            return new DeviceId(Integer.parseInt(parts[0].strip()), Integer.parseInt(parts[1].strip()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--device must be DRIVER:DEVICE with two integers (e.g. 0:0), got '" + text + "'");
        }
    }

    @Override
    public String toString() {
        return driver + ":" + device;
    }
}

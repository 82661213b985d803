package sparsedrl.tasks.backend;

/**
 * What one gradient update costs a device beyond its arithmetic: kernel launches, and bytes copied
 * host to device (the minibatch, optimizer scalars) and device to host (the losses).
 */
public record UpdateTraffic(int kernelLaunches, long bytesToDevice, long bytesToHost) {
}

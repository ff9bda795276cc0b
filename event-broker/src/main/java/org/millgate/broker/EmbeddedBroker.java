package org.millgate.broker;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;

/**
 * A single-node Kafka in KRaft mode (broker and controller in one, a static quorum of one
 * voter), listening on 127.0.0.1 only, its log directory formatted on the first start and
 * kept across restarts. Sized for a laptop: one partition for the internal topics, a 2
 * MiB log-cleaner buffer instead of 128 MiB, few threads.
 * <p>
 * {@link #start()} returns once the broker accepts clients ({@code KafkaRaftServer}
 * starts the controller, then the broker, and returns once the broker is unfenced); a
 * fatal fault of the broker ends this process, as it would end Kafka's own, so that the
 * launcher sees it (a test that embeds the broker replaces Kafka's exit procedures
 * first).
 */
public final class EmbeddedBroker implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(EmbeddedBroker.class);

	private static final int NODE = 1;

	private static final String CONTROLLER = "CONTROLLER";

	private final BrokerSettings settings;

	private volatile KafkaRaftServer server;

	/**
	 * A broker, not started; tests start one in their own JVM with it too.
	 * @param settings where it listens and keeps its logs
	 */
	public EmbeddedBroker(BrokerSettings settings) {
		this.settings = settings;
	}

	/**
	 * The broker's configuration.
	 * @param settings where it listens and keeps its logs
	 * @return the server properties
	 */
	static Properties properties(BrokerSettings settings) {
		String host = BrokerSettings.HOST;
		Properties properties = new Properties();
		properties.put("process.roles", "broker,controller");
		properties.put("node.id", Integer.toString(NODE));
		properties.put("controller.quorum.voters", NODE + "@" + host + ":" + settings.controllerPort());
		properties.put("listeners", "PLAINTEXT://" + settings.listenHost().trim() + ":" + settings.port() + ","
				+ CONTROLLER + "://" + host + ":" + settings.controllerPort());
		properties.put("advertised.listeners", "PLAINTEXT://" + settings.clientHost() + ":" + settings.port());
		properties.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT," + CONTROLLER + ":PLAINTEXT");
		properties.put("inter.broker.listener.name", "PLAINTEXT");
		properties.put("controller.listener.names", CONTROLLER);
		properties.put("log.dirs", logDir(settings).toString());
		// one node: every internal topic has one replica and one partition
		properties.put("num.partitions", "1");
		properties.put("offsets.topic.replication.factor", "1");
		properties.put("offsets.topic.num.partitions", "1");
		properties.put("transaction.state.log.replication.factor", "1");
		properties.put("transaction.state.log.min.isr", "1");
		properties.put("transaction.state.log.num.partitions", "1");
		properties.put("share.coordinator.state.topic.replication.factor", "1");
		properties.put("share.coordinator.state.topic.min.isr", "1");
		properties.put("group.initial.rebalance.delay.ms", "0");
		// the platform creates its topics with their partitions and retention
		properties.put("auto.create.topics.enable", "false");
		// small: the cleaner's buffer is taken from the heap at start (128 MiB by
		// default)
		properties.put("log.cleaner.dedupe.buffer.size", Integer.toString(2 * 1024 * 1024));
		properties.put("log.index.size.max.bytes", Integer.toString(1024 * 1024));
		properties.put("log.segment.bytes", Integer.toString(16 * 1024 * 1024));
		properties.put("num.network.threads", "1");
		properties.put("num.io.threads", "2");
		properties.put("background.threads", "2");
		properties.put("num.recovery.threads.per.data.dir", "1");
		properties.put("group.coordinator.threads", "1");
		return properties;
	}

	static Path logDir(BrokerSettings settings) {
		return settings.dataDir().toAbsolutePath().normalize();
	}

	@Override
	public void start() {
		Properties properties = properties(this.settings);
		Path dir = logDir(this.settings);
		try {
			Files.createDirectories(dir);
			if (!Files.exists(dir.resolve("meta.properties"))) {
				String clusterId = Uuid.randomUuid().toString();
				new Formatter().setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
					.setNodeId(NODE)
					.setClusterId(clusterId)
					.setDirectories(List.of(dir.toString()))
					.setMetadataLogDirectory(dir.toString())
					.setControllerListenerName(CONTROLLER)
					.setReleaseVersion(MetadataVersion.latestProduction())
					.run();
				logger.info("Formatted {} for a new cluster {}", dir, clusterId);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("The broker's log directory " + dir + " cannot be prepared", ex);
		}
		catch (Exception ex) {
			throw new IllegalStateException("The broker's log directory " + dir + " cannot be formatted", ex);
		}
		long started = System.nanoTime();
		KafkaRaftServer raft = new KafkaRaftServer(KafkaConfig.fromProps(properties), Time.SYSTEM);
		try {
			raft.startup();
		}
		catch (RuntimeException ex) {
			// what started (the controller, when the broker's port was taken) must not
			// keep the process alive
			raft.shutdown();
			raft.awaitShutdown();
			throw new IllegalStateException(
					"Kafka did not start on " + this.settings.bootstrap() + ": " + ex.getMessage(), ex);
		}
		this.server = raft;
		logger.info("Kafka listens on {} (KRaft, one node, logs in {}), ready in {} ms", this.settings.bootstrap(), dir,
				(System.nanoTime() - started) / 1_000_000);
	}

	@Override
	public void stop() {
		KafkaRaftServer raft = this.server;
		if (raft != null) {
			this.server = null;
			raft.shutdown();
			raft.awaitShutdown();
			logger.info("Kafka on {} stopped", this.settings.bootstrap());
		}
	}

	@Override
	public boolean isRunning() {
		return this.server != null;
	}

	/**
	 * Started before the web server, so that health never answers for a broker that is
	 * not there yet, and stopped after it.
	 */
	@Override
	public int getPhase() {
		return Integer.MIN_VALUE + 1000;
	}

}

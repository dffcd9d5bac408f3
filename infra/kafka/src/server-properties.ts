/** What varies between brokers started by Tally: ports and the data folder. */
export interface BrokerLayout {
  port: number;
  controllerPort: number;
  logDir: string;
}

/**
 * The broker+controller configuration of a single-node KRaft cluster, tuned for one machine:
 * one partition for the internal topics (the default 50 makes the first group join slow) and no
 * initial rebalance delay.
 */
export function renderServerProperties(layout: BrokerLayout): string {
  const { port, controllerPort, logDir } = layout;
  return [
    'process.roles=broker,controller',
    'node.id=1',
    // Dynamic quorum: formatted with --standalone; never combine with controller.quorum.voters.
    `controller.quorum.bootstrap.servers=127.0.0.1:${controllerPort}`,
    `listeners=PLAINTEXT://127.0.0.1:${port},CONTROLLER://127.0.0.1:${controllerPort}`,
    `advertised.listeners=PLAINTEXT://127.0.0.1:${port},CONTROLLER://127.0.0.1:${controllerPort}`,
    'controller.listener.names=CONTROLLER',
    'inter.broker.listener.name=PLAINTEXT',
    'listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT',
    `log.dirs=${logDir}`,
    'num.partitions=1',
    'offsets.topic.replication.factor=1',
    'offsets.topic.num.partitions=1',
    'transaction.state.log.replication.factor=1',
    'transaction.state.log.min.isr=1',
    'transaction.state.log.num.partitions=1',
    'share.coordinator.state.topic.replication.factor=1',
    'share.coordinator.state.topic.min.isr=1',
    'group.initial.rebalance.delay.ms=0',
    'auto.create.topics.enable=true',
    // Tests and benchmarks produce records with old timestamps (QTT, late votes): accept them.
    'log.message.timestamp.before.max.ms=9223372036854775807',
    '',
  ].join('\n');
}

export const log4j2Properties = `status = warn
appender.console.type = Console
appender.console.name = STDOUT
appender.console.layout.type = PatternLayout
appender.console.layout.pattern = [%d] %p %m (%c)%n
rootLogger.level = WARN
rootLogger.appenderRef.stdout.ref = STDOUT
logger.raft.name = kafka.server.KafkaRaftServer
logger.raft.level = INFO
`;

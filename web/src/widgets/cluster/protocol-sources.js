// The C++ of each protocol, as shown in the cluster's read-only editor tab.
// Imported as text from cpp/kv at build time: the very files kv.wasm is
// compiled from, so what the learner reads is what runs.
import node from '../../../../cpp/kv/node.h?raw';
import kvStore from '../../../../cpp/kv/kv_store.h?raw';
import single from '../../../../cpp/kv/single_node.h?raw';
import primaryBackupH from '../../../../cpp/kv/primary_backup_node.h?raw';
import primaryBackupCpp from '../../../../cpp/kv/primary_backup_node.cpp?raw';
import quorumH from '../../../../cpp/kv/quorum_node.h?raw';
import quorumCpp from '../../../../cpp/kv/quorum_node.cpp?raw';
import hashRing from '../../../../cpp/kv/hash_ring.cpp?raw';
import raftH from '../../../../cpp/kv/raft_node.h?raw';
import raftCpp from '../../../../cpp/kv/raft_node.cpp?raw';

const file = (name, source) => ({ name, source });
// Your own node: the header it includes (cdd/maelstrom.h and its parts), when this build has it.
const maelstromHeaders = import.meta.glob(['../../../../cpp/include/cdd/maelstrom.h', '../../../../cpp/include/cdd/maelstrom/*.h'],
  { query: '?raw', import: 'default', eager: true });
const own = Object.entries(maelstromHeaders).map(([path, source]) => file(path.slice(path.indexOf('cdd/')), source));
const primaryBackup = [file('primary_backup_node.cpp', primaryBackupCpp), file('primary_backup_node.h', primaryBackupH)];

const SOURCES = {
  single: [file('single_node.h', single), file('kv_store.h', kvStore)],
  'primary-backup': primaryBackup,
  'primary-backup-sync': primaryBackup,
  quorum: [file('quorum_node.cpp', quorumCpp), file('quorum_node.h', quorumH), file('hash_ring.cpp', hashRing)],
  raft: [file('raft_node.cpp', raftCpp), file('raft_node.h', raftH)],
};

/** The files of `protocol`, then node.h (the shape every protocol shares); for your own node, the header it includes. */
export function protocolSources(protocol) {
  if (protocol === 'own') return own.length ? own : [file('cdd/maelstrom.h', '// cdd/maelstrom.h is not in this build.\n')];
  return [...(SOURCES[protocol] ?? []), file('node.h', node)];
}

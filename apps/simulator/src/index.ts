export { startSimulator, type SimulatorHandle, type SimulatorOptions, type SimulatorExit, type LogEntry } from './simulator.ts';
export { readConfig, DEFAULT_CONFIG, type SimulatorConfig } from './config.ts';

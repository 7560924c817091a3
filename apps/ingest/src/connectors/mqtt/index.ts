import { registerConnector } from '../registry.ts';
import { mqttConnector } from './mqtt.connector.ts';

registerConnector(mqttConnector);

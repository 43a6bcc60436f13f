import v8 from 'node:v8'; v8.setFlagsFromString('--heap-growing-percent=30');

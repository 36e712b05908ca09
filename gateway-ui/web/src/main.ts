import './app.css';
import 'uplot/dist/uPlot.min.css';
import { startApp } from './app';

startApp();
